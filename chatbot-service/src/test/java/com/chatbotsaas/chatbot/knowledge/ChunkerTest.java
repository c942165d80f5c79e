package com.chatbotsaas.chatbot.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {

    @Test
    void keepsShortParagraphsTogetherAndSplitsAlongParagraphs() {
        String text = "First paragraph.\n\nSecond paragraph.\n\n" + "x".repeat(90) + ".";
        List<String> chunks = Chunker.chunks(text, 60);
        assertThat(chunks).hasSize(2);
        assertThat(chunks.get(0)).isEqualTo("First paragraph.\nSecond paragraph.");
        assertThat(chunks.get(1)).startsWith("xxx");
    }

    @Test
    void splitsLongParagraphsAtSentencesAndCutsRunawaySentences() {
        String sentences = "One sentence here. Another sentence there. A third one follows.";
        assertThat(Chunker.chunks(sentences, 30))
                .containsExactly("One sentence here.", "Another sentence there.", "A third one follows.");
        assertThat(Chunker.chunks("y".repeat(250), 50))
                .allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(100));
        assertThat(Chunker.chunks("  \n\n  ", 50)).isEmpty();
    }
}
