package com.clinicflow.workflows.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.workflows.testing.FakeActivities;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantConfigLoaderWorkflowTest {

  private final FakeActivities fakes = new FakeActivities();
  private TestWorkflowEnvironment env;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker("clinicflow");
    worker.registerWorkflowImplementationTypes(TenantConfigLoaderImpl.class);
    worker.registerActivitiesImplementations(fakes.all());
    fakes.tenants.clinics.add(FakeActivities.clinic("alpha", "alpha_instance", -100L));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private TenantResolution resolve(TenantLookup lookup) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            TenantConfigLoader.class,
            WorkflowOptions.newBuilder().setTaskQueue("clinicflow").build())
        .resolve(lookup);
  }

  @Test
  void aKnownInstanceResolvesItsClinicAndCountsTheMessage() {
    TenantResolution result =
        resolve(TenantLookup.whatsApp("alpha_instance", "patient:alpha:1", "turn-1"));

    assertThat(result).isInstanceOf(TenantResolution.Resolved.class);
    TenantResolution.Resolved resolved = (TenantResolution.Resolved) result;
    assertThat(resolved.config().tenantId()).isEqualTo("alpha");
    assertThat(resolved.usage().count()).isEqualTo(1);
    assertThat(fakes.tenants.quotaRequests).containsExactly(new QuotaRequest("alpha", "turn-1"));
    assertThat(fakes.tenants.log)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventType()).isEqualTo("message_received");
              assertThat(e.tenantId()).isEqualTo("alpha");
              assertThat(e.workflowId()).isEqualTo("patient:alpha:1");
            });
  }

  @Test
  void anUnknownInstanceIsUnknownAndCountsNothing() {
    TenantResolution result =
        resolve(TenantLookup.whatsApp("nobody_instance", "patient:x:1", "turn-1"));

    assertThat(result).isEqualTo(new TenantResolution.Unknown("instance nobody_instance"));
    assertThat(fakes.tenants.counted).hasValue(0);
    assertThat(fakes.tenants.events()).containsExactly("unknown_tenant");
  }

  @Test
  void anInactiveClinicIsInactiveAndCountsNothing() {
    var alpha = fakes.tenants.clinics.remove(0);
    fakes.tenants.clinics.add(alpha.withActive(false));

    TenantResolution result =
        resolve(TenantLookup.whatsApp("alpha_instance", "patient:alpha:1", "turn-1"));

    assertThat(result).isEqualTo(new TenantResolution.Inactive("alpha"));
    assertThat(fakes.tenants.counted).hasValue(0);
    assertThat(fakes.tenants.events()).containsExactly("inactive_tenant_message");
  }

  @Test
  void aClinicOverItsQuotaIsQuotaExceededWithItsConfig() {
    fakes.tenants.limit = 0;

    TenantResolution result =
        resolve(TenantLookup.whatsApp("alpha_instance", "patient:alpha:1", "turn-1"));

    assertThat(result).isInstanceOf(TenantResolution.QuotaExceeded.class);
    assertThat(((TenantResolution.QuotaExceeded) result).config().quotaExceededMessage())
        .isEqualTo("QUOTA alpha");
    assertThat(fakes.tenants.events()).containsExactly("quota_exceeded");
  }

  @Test
  void theClinicsOwnStaffChatIsServedWithoutCountingTheQuota() {
    TenantResolution result = resolve(TenantLookup.telegram(-100L, null, "staff:alpha:-100"));

    assertThat(result).isInstanceOf(TenantResolution.Resolved.class);
    assertThat(fakes.tenants.counted).hasValue(0);
  }

  @Test
  void aChatOfNoClinicIsUnauthorized() {
    TenantResolution result = resolve(TenantLookup.telegram(-999L, null, "staff:?:-999"));

    assertThat(result).isEqualTo(new TenantResolution.Unauthorized(-999L));
    assertThat(fakes.tenants.events()).containsExactly("unauthorized_chat");
  }

  @Test
  void aStaffChatIsServedAsItsOwnClinicWhateverTenantItNames() {
    fakes.tenants.clinics.add(FakeActivities.clinic("beta", "beta_instance", -200L));

    TenantResolution result = resolve(TenantLookup.telegram(-100L, "beta", "staff:beta:-100"));

    // -100 is alpha's chat: it is served as alpha, never as beta.
    assertThat(result).isInstanceOf(TenantResolution.Resolved.class);
    assertThat(((TenantResolution.Resolved) result).config().tenantId()).isEqualTo("alpha");
  }

  @Test
  void aSystemAdminMayAddressAnyClinic() {
    fakes.tenants.adminChats.add(42L);

    TenantResolution result = resolve(TenantLookup.telegram(42L, "alpha", "staff:alpha:42"));

    assertThat(result).isInstanceOf(TenantResolution.Resolved.class);
    assertThat(((TenantResolution.Resolved) result).config().tenantId()).isEqualTo("alpha");
  }
}
