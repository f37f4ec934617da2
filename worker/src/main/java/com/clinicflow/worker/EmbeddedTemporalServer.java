package com.clinicflow.worker;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
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
 * <p><b>Sticky execution only when the workers live and die with it.</b> A real Temporal server
 * sends a workflow's next task to the queue of the worker that has it cached (its sticky queue)
 * and, when that worker does not pick it up within the sticky schedule-to-start timeout (5 s),
 * falls back to the shared task queue. The test server has no such timeout and ignores a worker's
 * shutdown notice: once the worker that last ran a conversation is gone (killed, or even stopped
 * cleanly), that conversation's next task waits on the dead worker's queue forever. So when the
 * server runs as a lone {@code temporal} role, for workers in other processes, it drops every
 * worker's sticky request ({@link NoStickyExecution}): every workflow task goes to the shared queue
 * and any live worker takes it, replaying the history (short, thanks to continue-as-new). That is
 * what lets a worker be killed and restarted against the {@code temporal} role. When the server
 * runs in the same process as the worker (the default {@code java -jar clinicflow.jar}), a dead
 * worker means a dead server, so sticky execution stays on: a cached conversation's next task
 * carries only the new events instead of its whole history, which is most of the engine's cost per
 * message (measured in docs/benchmarks.md).
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
  private final Server inProcess;
  private final ManagedChannel inProcessChannel;

  private EmbeddedTemporalServer(
      int port, TestServicesStarter services, Server server, Server inProcess) {
    this.port = port;
    this.services = services;
    this.server = server;
    this.inProcess = inProcess;
    this.inProcessChannel = InProcessChannelBuilder.forName(inProcessName(port)).build();
  }

  /** Whether workers may keep workflows on their own sticky queues (see the class comment). */
  public enum Stickiness {
    /** Workers run in this process: sticky queues are safe and save replaying histories. */
    ALLOWED,
    /** Workers run elsewhere and may die alone: every task goes to the shared queue. */
    DROPPED
  }

  /** A server for workers in other processes ({@link Stickiness#DROPPED}). */
  public static EmbeddedTemporalServer start(int port) {
    return start(port, Stickiness.DROPPED);
  }

  public static EmbeddedTemporalServer start(int port, Stickiness stickiness) {
    // lockTimeSkipping = true keeps real time: debounce and handoff timers must take real seconds
    // (the same choice as TestServer.createPortBoundServer(port)).
    TestServicesStarter services = new TestServicesStarter(true, 0);
    TimeSkippingDiagnostics.discard(services);
    try {
      ServerBuilder<?> builder =
          Grpc.newServerBuilderForPort(port, InsecureServerCredentials.create());
      List<ServerInterceptor> interceptors =
          stickiness == Stickiness.DROPPED ? List.of(new NoStickyExecution()) : List.of();
      GRPCServerHelper.registerServicesAndHealthChecks(
          services.getServices(), builder, interceptors);
      Server server = builder.build().start();
      InProcessServerBuilder local = InProcessServerBuilder.forName(inProcessName(port));
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), local, interceptors);
      Server inProcess = local.build().start();
      log.info(
          "Embedded Temporal server listening on 127.0.0.1:{} (in memory, sticky execution {})",
          port,
          stickiness == Stickiness.DROPPED ? "off for every worker" : "on");
      return new EmbeddedTemporalServer(port, services, server, inProcess);
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("Embedded Temporal server could not bind port " + port, e);
    }
  }

  public int port() {
    return port;
  }

  /**
   * The channel for clients in this process (the API's client, the worker): calls go to the server
   * as method calls, without loopback TCP, HTTP/2 framing and the event loops of both ends, which
   * were the largest share of the process's CPU under load. Other processes use the port.
   */
  public ManagedChannel inProcessChannel() {
    return inProcessChannel;
  }

  private static String inProcessName(int port) {
    return "clinicflow-temporal-" + port;
  }

  /** Entries in the test server's lock-event log (see {@link TimeSkippingDiagnostics}). */
  int retainedLockEvents() throws ReflectiveOperationException {
    return TimeSkippingDiagnostics.retained(services);
  }

  @Override
  public void close() {
    inProcessChannel.shutdownNow();
    stop(inProcess);
    stop(server);
    services.close();
    log.info("Embedded Temporal server on port {} stopped", port);
  }

  private static void stop(Server server) {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
