package com.clinicflow.app.runtime;

import com.clinicflow.app.roles.ConditionalOnRole;
import com.clinicflow.app.roles.Role;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A process with only the {@code temporal} role has no web server to keep it running; this holds
 * one non-daemon thread until the context closes (SIGTERM), so the embedded Temporal server stays
 * up for the workers that connect to it.
 */
@Component
@ConditionalOnRole(Role.TEMPORAL)
class KeepAlive implements SmartLifecycle {

  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running;

  @Override
  public void start() {
    Thread thread =
        new Thread(
            () -> {
              try {
                stopped.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "clinicflow-keep-alive");
    thread.setDaemon(false);
    thread.start();
    running = true;
  }

  @Override
  public void stop() {
    stopped.countDown();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
