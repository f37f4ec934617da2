package com.clinicflow.worker;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server bound to a real port, in real time (time skipping off), so that
 * workers in this or another process can connect, be killed and come back while conversations stay
 * alive. State is in memory: it is lost when this process stops. For development, tests and the
 * {@code temporal} role; production uses a Temporal cluster.
 *
 * <p><b>No sticky execution.</b> A real Temporal server sends a workflow's next task to the queue
 * of the worker that has it cached (its sticky queue) and, when that worker does not pick it up
 * within the sticky schedule-to-start timeout (5 s), falls back to the shared task queue. The test
 * server has no such timeout and ignores a worker's shutdown notice: once the worker that last ran
 * a conversation is gone (killed, or even stopped cleanly), that conversation's next task waits on
 * the dead worker's queue forever. This server therefore drops every worker's sticky request
 * ({@link NoStickyExecution}), so every workflow task goes to the shared queue and any live worker
 * takes it, replaying the history (short, thanks to continue-as-new). That is what lets a worker be
 * killed and restarted against the {@code temporal} role.
 *
 * <p>{@code TestServer.createPortBoundServer} offers no hook for a gRPC interceptor, so the server
 * is assembled here the way it does it, from the test server's own {@code TestServicesStarter} and
 * {@code GRPCServerHelper} (internal classes of temporal-test-server: an SDK upgrade may move them,
 * and {@code WorkerCrashIT} will notice).
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final int port;
  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporalServer(int port, TestServicesStarter services, Server server) {
    this.port = port;
    this.services = services;
    this.server = server;
  }

  public static EmbeddedTemporalServer start(int port) {
    // lockTimeSkipping = true keeps real time: debounce and handoff timers must take real seconds
    // (the same choice as TestServer.createPortBoundServer(port)).
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      ServerBuilder<?> builder =
          Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
      GRPCServerHelper.registerServicesAndHealthChecks(
          services.getServices(), builder, List.of(new NoStickyExecution()));
      Server server = builder.build().start();
      log.info(
          "Embedded Temporal server listening on 127.0.0.1:{} (in memory, no sticky execution)",
          port);
      return new EmbeddedTemporalServer(port, services, server);
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("Embedded Temporal server could not bind port " + port, e);
    }
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    services.close();
    log.info("Embedded Temporal server on port {} stopped", port);
  }
}
