package com.clinicflow.app.roles;

import com.clinicflow.activities.secrets.SecretsConfiguration;
import com.clinicflow.activities.store.StoreConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * PostgreSQL repositories and tenant secrets: shared by the {@code api} and {@code worker} roles.
 *
 * <p>The condition repeats what the importing roles already check because component scanning
 * registers this class on its own too: without it a lone {@code temporal} process, which has no
 * database, would fail to start looking for a {@code DataSource}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole({Role.API, Role.WORKER})
@Import({StoreConfiguration.class, SecretsConfiguration.class})
class DataRole {}
