package dev.hotrel.release;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of {@link RelupStep}, documented there. */
final class RelupStepJson {

    private static final List<String> KINDS = List.of("addApplication", "removeApplication", "changeApplication");

    private RelupStepJson() {
    }

    static RelupStep read(JsonNode json) {
        ObjectNode node = JsonTree.object(json, "a relup step");
        String kind = JsonTree.kind(node, KINDS, "relup step");
        String app = JsonTree.text(node, kind);
        switch (kind) {
            case "addApplication":
                JsonTree.onlyKeys(node, kind, List.of("version"));
                return new RelupStep.AddApplication(app, version(node, "version"));
            case "removeApplication":
                JsonTree.onlyKeys(node, kind, List.of("version"));
                return new RelupStep.RemoveApplication(app, version(node, "version"));
            default:
                JsonTree.onlyKeys(node, kind, List.of("from", "to", "instructions"));
                JsonNode list = node.get("instructions");
                if (list == null || list.isNull()) {
                    throw ManifestException.field("instructions", "missing");
                }
                if (!list.isArray()) {
                    throw ManifestException.field("instructions", "expected an array, found " + JsonTree.describe(list));
                }
                List<Instruction> instructions = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    try {
                        instructions.add(InstructionJson.read(list.get(i)));
                    } catch (ManifestException e) {
                        throw ManifestException.field(ManifestException.join("instructions[" + i + "]", e.field()),
                                e.problem());
                    }
                }
                return new RelupStep.ChangeApplication(app, version(node, "from"), version(node, "to"), instructions);
        }
    }

    private static Version version(JsonNode node, String key) {
        try {
            return Version.parse(JsonTree.text(node, key));
        } catch (ManifestException e) {
            throw ManifestException.field(key, e.problem());
        }
    }

    static void write(RelupStep step, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (step instanceof RelupStep.AddApplication a) {
            g.writeStringField("addApplication", a.application());
            g.writeStringField("version", a.version().toString());
        } else if (step instanceof RelupStep.RemoveApplication r) {
            g.writeStringField("removeApplication", r.application());
            g.writeStringField("version", r.version().toString());
        } else if (step instanceof RelupStep.ChangeApplication c) {
            g.writeStringField("changeApplication", c.application());
            g.writeStringField("from", c.from().toString());
            g.writeStringField("to", c.to().toString());
            g.writeArrayFieldStart("instructions");
            for (Instruction instruction : c.instructions()) {
                InstructionJson.write(instruction, g);
            }
            g.writeEndArray();
        } else {
            throw new IllegalStateException("relup step without writer: " + step);
        }
        g.writeEndObject();
    }

    static final class Reader extends StdDeserializer<RelupStep> {
        Reader() {
            super(RelupStep.class);
        }

        @Override
        public RelupStep deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return read(ctxt.readTree(p));
        }
    }

    static final class Writer extends StdSerializer<RelupStep> {
        Writer() {
            super(RelupStep.class);
        }

        @Override
        public void serialize(RelupStep value, JsonGenerator g, SerializerProvider provider) throws IOException {
            write(value, g);
        }
    }
}
