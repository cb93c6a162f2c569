package io.testbridge.jira;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Plain text as Atlassian Document Format, which Jira Cloud (REST v3) takes for every rich-text
 * field: the description, Environment and multi-line text custom fields. Each line is a paragraph,
 * so what a person typed keeps its lines; nothing in the text is read as markup.
 */
public final class Adf {
    private Adf() {
    }

    public static JsonObject fromPlainText(String text) {
        JsonArray paragraphs = new JsonArray();
        for (String line : (text == null ? "" : text).split("\n", -1)) {
            JsonObject paragraph = new JsonObject().put("type", "paragraph");
            String visible = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!visible.isEmpty()) {
                // an empty text node is invalid ADF: an empty line is a paragraph without content
                paragraph.put("content", new JsonArray().add(new JsonObject().put("type", "text").put("text", visible)));
            }
            paragraphs.add(paragraph);
        }
        return new JsonObject().put("type", "doc").put("version", 1).put("content", paragraphs);
    }
}
