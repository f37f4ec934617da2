package com.clinicflow.api.testapp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The API as the app runs it, on MockMvc, with the admin token and both webhook credentials
 * configured. Classes with the same annotation share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = ApiTestApplication.class,
    properties = {
      "clinicflow.admin.token=" + ApiTest.ADMIN_TOKEN,
      "clinicflow.evolution.webhook-secret=" + ApiTest.WEBHOOK_SECRET,
      "clinicflow.evolution.webhook-jwt-key=" + ApiTest.WEBHOOK_JWT_KEY,
      "clinicflow.telegram.webhook-secret=" + ApiTest.TELEGRAM_SECRET,
      "clinicflow.conversation.debounce=PT5S",
      "clinicflow.conversation.memory-window=30"
    })
@AutoConfigureMockMvc
public @interface ApiTest {
  String ADMIN_TOKEN = "admin-token-for-tests-7f3a";
  String WEBHOOK_SECRET = "webhook-secret-for-tests-91c2";
  String WEBHOOK_JWT_KEY = "jwt-key-for-tests-5d0e";
  String TELEGRAM_SECRET = "telegram-secret-for-tests_3b9";
}
