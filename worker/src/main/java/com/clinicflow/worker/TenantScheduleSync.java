package com.clinicflow.worker;

import com.clinicflow.activities.store.TenantChangeListener;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Creates, updates and removes confirmation schedulers with the tenants: listens on PostgreSQL's
 * {@code tenant_config_changed} (every insert, update and delete, from the admin API or plain SQL)
 * and {@linkplain ConfirmationSchedules#sync syncs} each changed tenant; on every (re)connection it
 * syncs all of them, which is also how schedulers come to exist at start-up.
 */
public class TenantScheduleSync implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TenantScheduleSync.class);

  private final ConfirmationSchedules schedules;
  private final TenantChangeListener listener;

  public TenantScheduleSync(ConfirmationSchedules schedules, DataSource dataSource) {
    this.schedules = schedules;
    this.listener = new TenantChangeListener(dataSource, this::changed, this::connected);
  }

  private void changed(Set<String> tenantIds) {
    for (String tenantId : tenantIds) {
      try {
        schedules.sync(tenantId);
      } catch (RuntimeException e) {
        // Temporal unreachable: the next change or reconnection syncs again.
        log.warn(
            "Could not sync the confirmation scheduler of tenant {} ({})",
            tenantId,
            e.getClass().getSimpleName());
      }
    }
  }

  private void connected() {
    int synced = schedules.syncAll();
    log.info("Confirmation schedulers in place for {} clinic(s)", synced);
  }

  /** Whether change notifications are being received (for tests). */
  public boolean isListening() {
    return listener.isListening();
  }

  @Override
  public void start() {
    listener.start();
  }

  @Override
  public void stop() {
    listener.stop();
  }

  @Override
  public boolean isRunning() {
    return listener.isRunning();
  }
}
