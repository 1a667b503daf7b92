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
    private static final List<String> APPLY_OPTIONS = List.of("undo");

    private InstructionJson() {
    }

    static Instruction read(JsonNode json) {
        ObjectNode node = JsonTree.object(json, "an instruction");
        String kind = JsonTree.kind(node, KINDS, "instruction");
        JsonTree.onlyKeys(node, kind, kind.equals("update") ? UPDATE_OPTIONS : kind.equals("apply") ? APPLY_OPTIONS : List.of());
        return switch (kind) {
            case "update" -> new Instruction.Update(JsonTree.text(node, kind), purge(node),
                    JsonTree.optionalLong(node, "suspendTimeoutMillis"), JsonTree.toJdk(node.get("extra")));
            case "restart" -> new Instruction.Restart(JsonTree.text(node, kind));
            case "add" -> new Instruction.AddServer(JsonTree.text(node, kind));
            case "remove" -> new Instruction.RemoveServer(JsonTree.text(node, kind));
            case "addApplication" -> new Instruction.AddApplication(JsonTree.text(node, kind));
            case "removeApplication" -> new Instruction.RemoveApplication(JsonTree.text(node, kind));
            case "restartApplication" -> new Instruction.RestartApplication(JsonTree.text(node, kind));
            case "apply" -> apply(node.get(kind), node.get("undo"));
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

    private static Instruction apply(JsonNode json, JsonNode undo) {
        Instruction.Call call = call("apply", json, null);
        return new Instruction.Apply(call.className(), call.method(), call.args(),
                undo == null ? null : call("undo", undo, call.className()));
    }

    /** {@code {"class": ..., "method": ..., "args": [...]}}; the class may be left out where {@code defaultClass} is given. */
    private static Instruction.Call call(String field, JsonNode json, String defaultClass) {
        try {
            ObjectNode node = JsonTree.object(json, "{\"class\": ..., \"method\": ..., \"args\": [...]}");
            JsonTree.onlyKeys(node, field, APPLY_FIELDS);
            String className = defaultClass == null ? JsonTree.text(node, "class") : JsonTree.optionalText(node, "class");
            return new Instruction.Call(className == null ? defaultClass : className, JsonTree.text(node, "method"),
                    JsonTree.optionalTextList(node, "args"));
        } catch (ManifestException e) {
            // The tree reader and Call's constructor say "class"; the appup's reader wants "apply.class".
            throw ManifestException.field(ManifestException.join(field, e.field()), e.problem());
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
            writeCall(a.kind(), a.call(), g);
            if (a.undo() != null) {
                writeCall("undo", a.undo(), g);
            }
        } else if (instruction instanceof Instruction.RestartNode r) {
            g.writeBooleanField(r.kind(), true);
        } else {
            throw new IllegalStateException("instruction without writer: " + instruction);
        }
        g.writeEndObject();
    }

    private static void writeCall(String field, Instruction.Call call, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("class", call.className());
        g.writeStringField("method", call.method());
        if (!call.args().isEmpty()) {
            g.writeFieldName("args");
            g.writeObject(call.args());
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
