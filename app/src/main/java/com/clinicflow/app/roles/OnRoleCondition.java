package com.clinicflow.app.roles;

import java.util.Arrays;
import java.util.Set;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnRoleCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Role[] wanted =
        (Role[]) metadata.getAnnotationAttributes(ConditionalOnRole.class.getName()).get("value");
    Set<Role> running = Role.of(context.getEnvironment());
    return Arrays.stream(wanted).anyMatch(running::contains);
  }
}
