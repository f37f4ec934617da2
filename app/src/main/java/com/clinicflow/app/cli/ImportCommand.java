package com.clinicflow.app.cli;

import com.clinicflow.activities.store.ConversationRepository;
import com.clinicflow.activities.store.N8nMemoryImporter;
import com.clinicflow.activities.store.TenantRepository;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code clinicflow import n8n-memory}: copies n8n's {@code n8n_chat_histories} into ClinicFlow's
 * transcripts, database to database (no running ClinicFlow needed). Idempotent: run it before
 * cut-over and once more after, to pick up the last messages n8n answered.
 */
final class ImportCommand {

  private ImportCommand() {}

  static int run(List<String> words, Console console) {
    Arguments args = Arguments.parse(words, Set.of("json"));
    if (args.positional().size() != 1 || !args.positional().get(0).equals("n8n-memory")) {
      throw CliException.usage("usage: clinicflow import n8n-memory --n8n-db-url JDBC_URL …");
    }
    PGSimpleDataSource n8n =
        dataSource(
            required(args, console, "n8n-db-url", "N8N_DB_URL"),
            value(args, console, "n8n-db-user", "N8N_DB_USER"),
            value(args, console, "n8n-db-password", "N8N_DB_PASSWORD"));
    PGSimpleDataSource clinicflow =
        dataSource(
            required(args, console, "db-url", "SPRING_DATASOURCE_URL"),
            value(args, console, "db-user", "SPRING_DATASOURCE_USERNAME"),
            value(args, console, "db-password", "SPRING_DATASOURCE_PASSWORD"));
    int pageSize = Integer.parseInt(args.options().getOrDefault("page-size", "500"));
    JdbcClient target = JdbcClient.create(clinicflow);
    N8nMemoryImporter importer =
        new N8nMemoryImporter(
            JdbcClient.create(n8n),
            new ConversationRepository(
                target, new TransactionTemplate(new DataSourceTransactionManager(clinicflow))),
            new TenantRepository(target));
    N8nMemoryImporter.Report report;
    try {
      report = importer.importAll(pageSize);
    } catch (DataAccessException e) {
      boolean connection =
          e.getMostSpecificCause() instanceof java.net.ConnectException
              || (e.getMostSpecificCause() instanceof SQLException sql
                  && sql.getSQLState() != null
                  && sql.getSQLState().startsWith("08"));
      throw new CliException(
          connection ? ExitCode.CONNECTION : ExitCode.API_ERROR,
          "import failed: " + e.getMostSpecificCause().getClass().getSimpleName());
    }
    if (args.flag("json")) {
      console
          .out()
          .printf(
              "{\"imported\":%d,\"already_present\":%d,\"unknown_tenant\":%d,\"unreadable\":%d}%n",
              report.imported(),
              report.alreadyPresent(),
              report.unknownTenant(),
              report.unreadable());
    } else {
      console
          .out()
          .printf(
              "imported %d messages; %d were already present; skipped %d of unknown clinics and %d"
                  + " unreadable%n",
              report.imported(),
              report.alreadyPresent(),
              report.unknownTenant(),
              report.unreadable());
    }
    return ExitCode.OK;
  }

  private static PGSimpleDataSource dataSource(String url, String user, String password) {
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(url);
    if (user != null) {
      source.setUser(user);
    }
    if (password != null) {
      source.setPassword(password);
    }
    return source;
  }

  private static String required(Arguments args, Console console, String option, String env) {
    String value = value(args, console, option, env);
    if (value == null || value.isBlank()) {
      throw CliException.usage("--" + option + " (or " + env + ") is required");
    }
    return value;
  }

  private static String value(Arguments args, Console console, String option, String env) {
    String given = args.options().get(option);
    return given != null ? given : console.environment().get(env);
  }
}
