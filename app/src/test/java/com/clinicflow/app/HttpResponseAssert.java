package com.clinicflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** Small checks on raw HTTP answers. */
final class HttpResponseAssert {

  private HttpResponseAssert() {}

  static HttpResponse<String> ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    return response;
  }
}
