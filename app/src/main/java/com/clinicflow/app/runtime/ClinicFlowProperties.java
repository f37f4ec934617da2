package com.clinicflow.app.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Process-level settings of the executable.
 *
 * @param roles comma list of api, worker, temporal
 * @param dataDir where embedded PostgreSQL keeps its data
 * @param embeddedPostgresPort port of embedded PostgreSQL; 0 picks a free one
 */
@ConfigurationProperties("clinicflow")
public record ClinicFlowProperties(
    @DefaultValue("api,worker") String roles,
    @DefaultValue(".clinicflow") String dataDir,
    @DefaultValue("0") int embeddedPostgresPort) {}
