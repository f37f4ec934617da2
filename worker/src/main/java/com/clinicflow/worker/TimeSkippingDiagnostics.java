package com.clinicflow.worker;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns off a diagnostic log of Temporal's test server that grows without end and makes the
 * embedded server slower the longer it runs.
 *
 * <p>The test server's clock ({@code SelfAdvancingTimerImpl}) appends an event to a {@code
 * LinkedList} each time something locks or unlocks time skipping. Events of locks taken through a
 * handle are removed again on unlock, by {@code LinkedList.remove(Object)}: a scan from the head.
 * Events of locks taken and released by name (every activity, among others) are never removed. So
 * the list grows by a few entries per activity, forever, and every unlock, done while holding the
 * server's global timer lock, scans further. Measured under the bench load: 85,000 entries after a
 * few minutes (1,000 more per second at 30 msg/s), {@code LinkedList.remove} the hottest frame of
 * the process, throughput falling as the run went on. A leak of memory as well: tens of millions of
 * entries a day at that rate.
 *
 * <p>The list is read only to write a diagnostic message when locks are unbalanced, so it is
 * replaced by one that keeps nothing: adding is a no-op and removing always succeeds (a handle's
 * unlock checks that its event was there). Time skipping is off for good in ClinicFlow's embedded
 * server (real time), so these locks change nothing else. The field is internal to
 * temporal-test-server; if a new SDK version renames it, the server starts without the fix, says so
 * in the log, and {@code EmbeddedTemporalServerTest} fails.
 */
final class TimeSkippingDiagnostics {

  private static final Logger log = LoggerFactory.getLogger(TimeSkippingDiagnostics.class);

  private TimeSkippingDiagnostics() {}

  /** Replaces the clock's event log of {@code services}; false if the SDK no longer has it. */
  static boolean discard(TestServicesStarter services) {
    try {
      Object clock = clock(services);
      field(clock.getClass(), "lockEvents").set(clock, new KeepNothing());
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn(
          "Could not turn off the test server's lock-event log ({}); the embedded Temporal server"
              + " will slow down as it runs",
          e.toString());
      return false;
    }
  }

  /** How many lock events the clock of {@code services} holds (for tests). */
  static int retained(TestServicesStarter services) throws ReflectiveOperationException {
    Object clock = clock(services);
    return ((Collection<?>) field(clock.getClass(), "lockEvents").get(clock)).size();
  }

  /** The test server's clock ({@code SelfAdvancingTimerImpl}). */
  private static Object clock(TestServicesStarter services) throws ReflectiveOperationException {
    return field(TestServicesStarter.class, "selfAdvancingTimer").get(services);
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field;
  }

  /** A list that records nothing; a removal always reports the element as found. */
  @SuppressWarnings({"rawtypes", "serial"})
  private static final class KeepNothing extends LinkedList {
    @Override
    public boolean add(Object event) {
      return true;
    }

    @Override
    public boolean remove(Object event) {
      return true;
    }
  }
}
