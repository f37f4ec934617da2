package com.clinicflow.app.roles;

import com.clinicflow.activities.secrets.SecretsConfiguration;
import com.clinicflow.activities.store.StoreConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * PostgreSQL repositories and tenant secrets: shared by the {@code api} and {@code worker} roles.
 * Conditional itself, not only through the roles that import it: the application's component scan
 * finds this class too, and a lone {@code temporal} process has no database.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole({Role.API, Role.WORKER})
@Import({StoreConfiguration.class, SecretsConfiguration.class})
class DataRole {}
