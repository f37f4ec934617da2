package com.clinicflow.app.roles;

import com.clinicflow.activities.secrets.SecretsConfiguration;
import com.clinicflow.activities.store.StoreConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * PostgreSQL repositories and tenant secrets: shared by the {@code api} and {@code worker} roles.
 */
@Configuration(proxyBeanMethods = false)
@Import({StoreConfiguration.class, SecretsConfiguration.class})
class DataRole {}
