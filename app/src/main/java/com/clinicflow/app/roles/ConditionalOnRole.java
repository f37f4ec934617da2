package com.clinicflow.app.roles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** The annotated configuration applies when the process runs any of the given roles. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {
  Role[] value();
}
