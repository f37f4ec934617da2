package com.clinicflow.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * An embedded Temporal server on a free port and a client that reaches it through the port, as a
 * worker of another process would: the tests of the server's behaviour towards workers share it.
 */
final class ServerOnAPort implements AutoCloseable {

  final EmbeddedTemporalServer server;
  final WorkflowClient client;
  private final WorkflowServiceStubs stubs;

  private ServerOnAPort(EmbeddedTemporalServer server, WorkflowServiceStubs stubs) {
    this.server = server;
    this.stubs = stubs;
    this.client = WorkflowClient.newInstance(stubs);
  }

  static ServerOnAPort start(EmbeddedTemporalServer.Stickiness stickiness) {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    EmbeddedTemporalServer server = EmbeddedTemporalServer.start(port, stickiness);
    return new ServerOnAPort(
        server,
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build()));
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    server.close();
  }
}
