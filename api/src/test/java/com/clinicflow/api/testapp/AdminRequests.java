package com.clinicflow.api.testapp;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Requests of an operator holding the admin token of {@link ApiTest}. */
public final class AdminRequests {

  private AdminRequests() {}

  public static MockHttpServletRequestBuilder admin(MockHttpServletRequestBuilder request) {
    return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + ApiTest.ADMIN_TOKEN);
  }
}
