package com.clinicflow.activities.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code clinicflow.tenant-cache.*}: the tenant cache of the hot path ({@link CachedTenants}).
 *
 * @param ttl how long an entry is served without news from the database; the safety net behind
 *     {@code LISTEN tenant_config_changed}, which normally evicts within a second
 * @param listen whether to hold a connection that listens for changes (off = the TTL alone bounds
 *     staleness, e.g. behind a pooler in transaction mode where LISTEN does not work)
 */
@ConfigurationProperties(prefix = "clinicflow.tenant-cache")
record TenantCacheProperties(
    @DefaultValue("10s") Duration ttl, @DefaultValue("true") boolean listen) {}
