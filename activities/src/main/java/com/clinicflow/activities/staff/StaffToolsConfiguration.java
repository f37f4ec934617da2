package com.clinicflow.activities.staff;

import com.clinicflow.activities.store.CachedTenants;
import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.TenantRepository;
import com.clinicflow.activities.tasks.TaskBoard;
import com.clinicflow.activities.tools.ToolHandler;
import com.clinicflow.workflows.patient.ConversationSettings;
import com.clinicflow.workflows.staff.StaffAlertActivities;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The staff assistant's tools (each a {@link ToolHandler} bean, offered to {@code STAFF} only) and
 * its alert activity, for the worker.
 *
 * <p>Needs the store beans, a {@link TaskBoard}, a {@link WorkflowClient} and a String bean {@code
 * staffTaskQueue} (the Temporal task queue). Uses a {@link ConversationSettings} bean, when there
 * is one, for the patient conversations it starts (defaults otherwise). The agenda tools use the
 * {@link StaffAgenda} bean: the clinic's calendar when the calendar configuration is present.
 */
@Configuration(proxyBeanMethods = false)
public class StaffToolsConfiguration {

  @Bean
  public PatientConversations patientConversations(
      WorkflowClient client,
      @Qualifier("staffTaskQueue") String staffTaskQueue,
      ObjectProvider<ConversationSettings> settings) {
    return new PatientConversations(
        client, staffTaskQueue, settings.getIfAvailable(ConversationSettings::defaults));
  }

  @Bean
  public StaffAlertActivities staffAlertActivities(
      WorkflowClient client,
      @Qualifier("staffTaskQueue") String staffTaskQueue,
      CachedTenants tenants) {
    return new StaffAlertRaiser(client, staffTaskQueue, tenants);
  }

  /**
   * The clinic's calendar (Google or the PostgreSQL sandbox) through the same {@code Appointments}
   * service patients use; the in-memory agenda only where no calendar service is wired (tests).
   */
  @Bean
  public StaffAgenda staffAgenda(
      ObjectProvider<com.clinicflow.activities.calendar.Appointments> appointments) {
    com.clinicflow.activities.calendar.Appointments calendar = appointments.getIfAvailable();
    return calendar != null
        ? new com.clinicflow.activities.calendar.CalendarStaffAgenda(calendar)
        : new SandboxStaffAgenda();
  }

  @Bean
  public ToolHandler sendMessageToPatientTool(
      CachedTenants tenants, PatientConversations conversations) {
    return new SendMessageToPatientTool(tenants, conversations);
  }

  @Bean
  public ToolHandler pauseBotForPatientTool(
      CachedTenants tenants, PatientConversations conversations, ConversationRepository rows) {
    return PauseBotTool.pause(tenants, conversations, rows, Clock.systemUTC());
  }

  @Bean
  public ToolHandler resumeBotForPatientTool(
      CachedTenants tenants, PatientConversations conversations, ConversationRepository rows) {
    return PauseBotTool.resume(tenants, conversations, rows, Clock.systemUTC());
  }

  @Bean
  public ToolHandler clinicUsageTool(
      CachedTenants tenants, TenantRepository repository, ConversationRepository conversations) {
    return new ClinicUsageTool(tenants, repository, conversations);
  }

  @Bean
  public ToolHandler pausedPatientsTool(
      CachedTenants tenants, ConversationRepository conversations) {
    return new PausedPatientsTool(tenants, conversations);
  }

  @Bean
  public ToolHandler patientMessagesTool(
      CachedTenants tenants, ConversationRepository conversations, PatientConversations workflows) {
    return new PatientMessagesTool(tenants, conversations, workflows);
  }

  @Bean
  public ToolHandler patientsNeedingAttentionTool(
      CachedTenants tenants, ConversationRepository conversations, PatientConversations workflows) {
    return new AttentionTools.Waiting(tenants, conversations, workflows);
  }

  @Bean
  public ToolHandler retryPatientConversationTool(
      CachedTenants tenants, ConversationRepository conversations, PatientConversations workflows) {
    return AttentionTools.Resolve.retry(tenants, conversations, workflows);
  }

  @Bean
  public ToolHandler retryAllWaitingPatientsTool(
      CachedTenants tenants, ConversationRepository conversations, PatientConversations workflows) {
    return new AttentionTools.RetryAll(tenants, conversations, workflows);
  }

  @Bean
  public ToolHandler skipPatientTurnTool(
      CachedTenants tenants, ConversationRepository conversations, PatientConversations workflows) {
    return AttentionTools.Resolve.skip(tenants, conversations, workflows);
  }

  @Bean
  public ToolHandler listTasksTool(CachedTenants tenants, TaskBoard board) {
    return new TaskTools.ListTasks(tenants, board);
  }

  @Bean
  public ToolHandler createTaskTool(CachedTenants tenants, TaskBoard board) {
    return new TaskTools.CreateTask(tenants, board);
  }

  @Bean
  public ToolHandler completeTaskTool(CachedTenants tenants, TaskBoard board) {
    return new TaskTools.CompleteTask(tenants, board);
  }

  @Bean
  public ToolHandler agendaOfDayTool(CachedTenants tenants, StaffAgenda agenda) {
    return new AgendaTools.DayAgenda(tenants, agenda);
  }

  @Bean
  public ToolHandler bookForPatientTool(CachedTenants tenants, StaffAgenda agenda) {
    return new AgendaTools.Book(tenants, agenda);
  }

  @Bean
  public ToolHandler cancelForPatientTool(CachedTenants tenants, StaffAgenda agenda) {
    return new AgendaTools.Cancel(tenants, agenda);
  }

  @Bean
  public ToolHandler rescheduleForPatientTool(CachedTenants tenants, StaffAgenda agenda) {
    return new AgendaTools.Reschedule(tenants, agenda);
  }
}
