package com.chatbotsaas.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import tools.jackson.databind.json.JsonMapper;

class ReceivedEventTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void readsTheIdTypeAndData() {
        ReceivedEvent event = ReceivedEvent.parse(
                message("{\"id\":\"e-1\",\"type\":\"com.chatbotsaas.org.create\",\"data\":{\"name\":\"Acme\"}}"), JSON);

        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.action()).isEqualTo("org.create");
        assertThat(event.data().path("name").asString()).isEqualTo("Acme");
    }

    @Test
    void aBodyThatIsNotJsonOrNotACloudEventIsMalformed() {
        // Malformed, not just failed: listener retries skip it and it is dead-lettered at once.
        for (String body : new String[] {"not json {", "", "[1,2]", "{\"id\":\"e-1\"}"}) {
            assertThatThrownBy(() -> ReceivedEvent.parse(message(body), JSON))
                    .as(body)
                    .isInstanceOf(ReceivedEvent.MalformedEventException.class);
        }
    }

    private static Message message(String body) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8)).build();
    }
}
