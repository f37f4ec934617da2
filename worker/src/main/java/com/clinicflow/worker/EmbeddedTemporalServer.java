package com.clinicflow.worker;

import io.temporal.testserver.TestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server bound to a real port, in real time (time skipping off), so that
 * workers in this or another process can connect, be killed and come back while conversations stay
 * alive. State is in memory: it is lost when this process stops. For development, tests and the
 * {@code temporal} role; production uses a Temporal cluster.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final int port;
  private final TestServer.PortBoundTestServer server;

  private EmbeddedTemporalServer(int port, TestServer.PortBoundTestServer server) {
    this.port = port;
    this.server = server;
  }

  public static EmbeddedTemporalServer start(int port) {
    // The one-argument form keeps real time: debounce and handoff timers must take real seconds.
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
    log.info("Embedded Temporal server listening on 127.0.0.1:{} (in memory)", port);
    return new EmbeddedTemporalServer(port, server);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.close();
    log.info("Embedded Temporal server on port {} stopped", port);
  }
}
