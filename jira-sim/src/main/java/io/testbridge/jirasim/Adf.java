package io.testbridge.jirasim;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Just enough Atlassian Document Format to accept, store and render descriptions. */
final class Adf {

    private Adf() {
    }

    /** Jira v3 wants {"type":"doc","version":1,"content":[...]} for rich-text fields. */
    static boolean isDocument(Object value) {
        return value instanceof JsonObject doc && "doc".equals(doc.getValue("type"))
                && doc.getValue("version") instanceof Number && doc.getValue("content") instanceof JsonArray;
    }

    static JsonObject fromPlainText(String text) {
        JsonArray paragraphs = new JsonArray();
        for (String line : text.split("\n", -1)) {
            JsonArray content = new JsonArray();
            if (!line.isEmpty()) {
                content.add(new JsonObject().put("type", "text").put("text", line));
            }
            paragraphs.add(new JsonObject().put("type", "paragraph").put("content", content));
        }
        return new JsonObject().put("type", "doc").put("version", 1).put("content", paragraphs);
    }

    /** Plain text of a stored description, whichever form it was stored in. */
    static String plainText(Object description) {
        if (description == null) {
            return "";
        }
        if (description instanceof JsonObject doc) {
            StringBuilder text = new StringBuilder();
            collectText(doc, text);
            return text.toString().strip();
        }
        return description.toString();
    }

    private static void collectText(JsonObject node, StringBuilder text) {
        if ("text".equals(node.getString("type"))) {
            text.append(node.getString("text", ""));
        }
        JsonArray content = node.getJsonArray("content");
        if (content != null) {
            for (Object child : content) {
                if (child instanceof JsonObject childNode) {
                    collectText(childNode, text);
                }
            }
            if ("paragraph".equals(node.getString("type"))) {
                text.append('\n');
            }
        }
    }
}
