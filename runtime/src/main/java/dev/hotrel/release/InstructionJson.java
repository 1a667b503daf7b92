package dev.hotrel.release;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.hotrel.runtime.purge.PurgeMode;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** The compact JSON form of {@link Instruction}, documented there. */
final class InstructionJson {

    static final List<String> KINDS = List.of("update", "restart", "add", "remove",
            "addApplication", "removeApplication", "restartApplication", "apply", "restartNode");
    /** In the order {@link Instruction.Update} documents them: the order an error message lists them in. */
    private static final List<String> UPDATE_OPTIONS = List.of("purge", "suspendTimeoutMillis", "extra");
    private static final List<String> APPLY_FIELDS = List.of("class", "method", "args");

    private InstructionJson() {
    }

    static Instruction read(JsonNode json) {
        ObjectNode node = JsonTree.object(json, "an instruction");
        String kind = JsonTree.kind(node, KINDS, "instruction");
        JsonTree.onlyKeys(node, kind, kind.equals("update") ? UPDATE_OPTIONS : List.of());
        return switch (kind) {
            case "update" -> new Instruction.Update(JsonTree.text(node, kind), purge(node),
                    JsonTree.optionalLong(node, "suspendTimeoutMillis"), JsonTree.toJdk(node.get("extra")));
            case "restart" -> new Instruction.Restart(JsonTree.text(node, kind));
            case "add" -> new Instruction.AddServer(JsonTree.text(node, kind));
            case "remove" -> new Instruction.RemoveServer(JsonTree.text(node, kind));
            case "addApplication" -> new Instruction.AddApplication(JsonTree.text(node, kind));
            case "removeApplication" -> new Instruction.RemoveApplication(JsonTree.text(node, kind));
            case "restartApplication" -> new Instruction.RestartApplication(JsonTree.text(node, kind));
            case "apply" -> apply(node.get(kind));
            case "restartNode" -> {
                JsonNode flag = node.get(kind);
                if (!flag.isBoolean() || !flag.booleanValue()) {
                    throw ManifestException.field(kind, "expected true, found " + JsonTree.describe(flag));
                }
                yield new Instruction.RestartNode();
            }
            default -> throw new IllegalStateException("kind without reader: " + kind);
        };
    }

    private static PurgeMode purge(JsonNode node) {
        String text = JsonTree.optionalText(node, "purge");
        if (text == null) {
            return PurgeMode.SOFT;
        }
        if (!text.equals("soft") && !text.equals("brutal")) {
            throw ManifestException.field("purge", "bad purge mode '" + text + "' (expected soft | brutal)");
        }
        return PurgeMode.parse(text);
    }

    private static Instruction apply(JsonNode json) {
        try {
            ObjectNode node = JsonTree.object(json, "{\"class\": ..., \"method\": ..., \"args\": [...]}");
            JsonTree.onlyKeys(node, "class", APPLY_FIELDS);
            return new Instruction.Apply(JsonTree.text(node, "class"), JsonTree.text(node, "method"),
                    JsonTree.optionalTextList(node, "args"));
        } catch (ManifestException e) {
            // Apply's own constructor already says "apply.class"; the tree reader says "class".
            String field = e.field().startsWith("apply") ? e.field() : ManifestException.join("apply", e.field());
            throw ManifestException.field(field, e.problem());
        }
    }

    static void write(Instruction instruction, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (instruction instanceof Instruction.Update u) {
            g.writeStringField("update", u.server());
            if (u.purge() != PurgeMode.SOFT) {
                g.writeStringField("purge", u.purge().name().toLowerCase(Locale.ROOT));
            }
            if (u.suspendTimeoutMillis() != null) {
                g.writeNumberField("suspendTimeoutMillis", u.suspendTimeoutMillis());
            }
            if (u.extra() != null) {
                g.writeFieldName("extra");
                g.writeObject(u.extra());
            }
        } else if (instruction instanceof Instruction.Restart r) {
            g.writeStringField(r.kind(), r.server());
        } else if (instruction instanceof Instruction.AddServer a) {
            g.writeStringField(a.kind(), a.server());
        } else if (instruction instanceof Instruction.RemoveServer r) {
            g.writeStringField(r.kind(), r.server());
        } else if (instruction instanceof Instruction.AddApplication a) {
            g.writeStringField(a.kind(), a.application());
        } else if (instruction instanceof Instruction.RemoveApplication r) {
            g.writeStringField(r.kind(), r.application());
        } else if (instruction instanceof Instruction.RestartApplication r) {
            g.writeStringField(r.kind(), r.application());
        } else if (instruction instanceof Instruction.Apply a) {
            g.writeObjectFieldStart(a.kind());
            g.writeStringField("class", a.className());
            g.writeStringField("method", a.method());
            if (!a.args().isEmpty()) {
                g.writeFieldName("args");
                g.writeObject(a.args());
            }
            g.writeEndObject();
        } else if (instruction instanceof Instruction.RestartNode r) {
            g.writeBooleanField(r.kind(), true);
        } else {
            throw new IllegalStateException("instruction without writer: " + instruction);
        }
        g.writeEndObject();
    }

    static final class Reader extends StdDeserializer<Instruction> {
        Reader() {
            super(Instruction.class);
        }

        @Override
        public Instruction deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return read(ctxt.readTree(p));
        }
    }

    static final class Writer extends StdSerializer<Instruction> {
        Writer() {
            super(Instruction.class);
        }

        @Override
        public void serialize(Instruction value, JsonGenerator g, SerializerProvider provider) throws IOException {
            write(value, g);
        }
    }
}
