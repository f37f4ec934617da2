package com.clinicflow.api.webhooks;

import static com.clinicflow.api.webhooks.EvolutionPayloads.key;
import static com.clinicflow.api.webhooks.EvolutionPayloads.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicflow.api.testapp.ApiTest;
import com.clinicflow.api.testapp.InMemoryInboundLedger;
import com.clinicflow.api.testapp.InMemoryTenantDirectory;
import com.clinicflow.api.testapp.Tenants;
import com.clinicflow.workflows.patient.InboundMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@ApiTest
class NulCharactersTest {

  @Autowired MockMvc mvc;
  @Autowired InMemoryTenantDirectory tenants;
  @Autowired InMemoryInboundLedger ledger;
  @MockitoBean ConversationStarter starter;

  @BeforeEach
  void clinic() {
    tenants.reset();
    ledger.reset();
    tenants.put(Tenants.anota());
  }

  @Test
  void nulIsRemovedFromEveryStringAtAnyDepth() throws Exception {
    JsonNode tree =
        new ObjectMapper()
            .readTree(
                "{\"a\":\"x\\u0000y\",\"b\":[\"\\u0000\",{\"c\":[[\"p\\u0000q\"]]}],\"n\":1,"
                    + "\"t\":\"clean\"}");
    NulCharacters.strip(tree);
    assertThat(tree.toString())
        .isEqualTo("{\"a\":\"xy\",\"b\":[\"\",{\"c\":[[\"pq\"]]}],\"n\":1,\"t\":\"clean\"}");
  }

  @Test
  void aPatientTextOrNameWithNulIsTakenWithoutIt() throws Exception {
    String body =
        upsert(
            data -> {
              data.put("pushName", "Ana\u0000 Maria");
              ((com.fasterxml.jackson.databind.node.ObjectNode) data.get("message"))
                  .put("conversation", "ola\u0000, bom dia");
            });
    deliver(body).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("accepted"));

    ArgumentCaptor<InboundMessage> message = ArgumentCaptor.forClass(InboundMessage.class);
    verify(starter, times(1)).signalWithStart(any(), any(), message.capture());
    assertThat(message.getValue().text()).isEqualTo("ola, bom dia");
    assertThat(message.getValue().displayName()).isEqualTo("Ana Maria");
  }

  @Test
  void identifiersWithNulNeverReachTheLedgerWithIt() throws Exception {
    String body =
        upsert(data -> key(data).put("id", "3B64E98B3C8E40852793\u0000"))
            .replace("\"anota\"", "\"anota\\u0000\"");
    deliver(body).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("accepted"));

    assertThat(ledger.claimedFor("clinica-anota", "WHATSAPP", "3B64E98B3C8E40852793"))
        .isEqualTo("patient:clinica-anota:5511900000001");
  }

  private org.springframework.test.web.servlet.ResultActions deliver(String body) throws Exception {
    return mvc.perform(
        post("/webhooks/evolution")
            .header(WebhookAuthenticator.SECRET_HEADER, ApiTest.WEBHOOK_SECRET)
            .contentType(MediaType.APPLICATION_JSON)
            .content(body));
  }
}
