package com.clinicflow.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicflow.activities.testing.EmbeddedDatabase;
import com.clinicflow.workflows.agent.ChatMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class N8nMemoryImporterTest {

  private final JdbcClient jdbc = EmbeddedDatabase.jdbc();
  private N8nMemoryImporter importer;
  private ConversationRepository conversations;

  @BeforeEach
  void setUp() {
    EmbeddedDatabase.reset();
    EmbeddedDatabase.insertTenant("clinic-a", "a_instance", null);
    jdbc.sql("DROP TABLE IF EXISTS n8n_chat_histories").update();
    // The table exactly as n8n's Postgres Chat Memory creates it.
    jdbc.sql(
            """
            CREATE TABLE n8n_chat_histories (
              id SERIAL PRIMARY KEY, session_id VARCHAR(255) NOT NULL, message JSONB NOT NULL)
            """)
        .update();
    conversations =
        new ConversationRepository(
            jdbc,
            new TransactionTemplate(
                new DataSourceTransactionManager(EmbeddedDatabase.dataSource())));
    importer = new N8nMemoryImporter(jdbc, conversations, new TenantRepository(jdbc));
  }

  private void n8nRow(String session, String message) {
    jdbc.sql("INSERT INTO n8n_chat_histories (session_id, message) VALUES (:s, CAST(:m AS jsonb))")
        .param("s", session)
        .param("m", message)
        .update();
  }

  @Test
  void importsHumanAndAiMessagesInOrderOnceEvenWhenRunTwice() {
    n8nRow(
        "clinic-a:5511900000001@s.whatsapp.net",
        "{\"type\":\"human\",\"content\":\"Oi, quero marcar consulta\",\"additional_kwargs\":{}}");
    n8nRow(
        "clinic-a:5511900000001@s.whatsapp.net",
        "{\"type\":\"ai\",\"content\":\"Claro! Qual dia?\",\"tool_calls\":[]}");
    n8nRow("clinic-b:5511900000009@s.whatsapp.net", "{\"type\":\"human\",\"content\":\"Oi\"}");
    n8nRow(
        "clinic-a:103899771998284@lid",
        "{\"type\":\"human\",\"content\":[{\"type\":\"text\",\"text\":\"pelo lid\"}]}");
    n8nRow("clinic-a:5511900000001@s.whatsapp.net", "{\"type\":\"system\",\"content\":\"x\"}");

    N8nMemoryImporter.Report first = importer.importAll(2);
    N8nMemoryImporter.Report second = importer.importAll(2);

    assertThat(first).isEqualTo(new N8nMemoryImporter.Report(3, 0, 1, 1));
    assertThat(second).isEqualTo(new N8nMemoryImporter.Report(0, 3, 1, 1));
    assertThat(conversations.loadMemory("clinic-a", "5511900000001", 20))
        .extracting(ChatMessage::joinedText)
        .containsExactly("Oi, quero marcar consulta", "Claro! Qual dia?");
    assertThat(conversations.loadMemory("clinic-a", "lid:103899771998284", 20))
        .extracting(ChatMessage::joinedText)
        .containsExactly("pelo lid");
  }
}
