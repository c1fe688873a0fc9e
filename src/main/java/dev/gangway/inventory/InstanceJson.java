package dev.gangway.inventory;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.gangway.instance.GuestOs;
import dev.gangway.instance.Instance;
import dev.gangway.instance.InstanceState;
import dev.gangway.instance.ManagedAgent;
import dev.gangway.instance.RuleSource;
import dev.gangway.instance.SecurityGroup;
import dev.gangway.instance.SecurityGroupRule;

/**
 * An {@link Instance} as JSON and back, every field, for {@link InstanceCache}. Streaming Jackson, as
 * {@code list --json} writes (databind would add a fifth of a second of class loading to a start).
 * Unknown fields are skipped, so a cache written by a later version still reads.
 */
final class InstanceJson {

    private InstanceJson() {
    }

    static void write(JsonGenerator json, Instance i) throws IOException {
        json.writeStartObject();
        json.writeStringField("profile", i.profile());
        json.writeStringField("region", i.region());
        json.writeStringField("availabilityZone", i.availabilityZone());
        json.writeStringField("id", i.id());
        json.writeStringField("name", i.name());
        json.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> tag : i.tags().entrySet()) {
            json.writeStringField(tag.getKey(), tag.getValue());
        }
        json.writeEndObject();
        json.writeStringField("state", i.state().name());
        json.writeStringField("instanceType", i.instanceType());
        json.writeStringField("platform", i.platform() == null ? null : i.platform().name());
        json.writeStringField("platformDetails", i.platformDetails());
        json.writeStringField("imageId", i.imageId());
        json.writeStringField("imageName", i.imageName());
        json.writeStringField("keyName", i.keyName());
        json.writeStringField("publicIp", i.publicIp());
        json.writeStringField("publicDns", i.publicDns());
        json.writeStringField("privateIp", i.privateIp());
        strings(json, "ipv6Addresses", i.ipv6Addresses());
        json.writeStringField("vpcId", i.vpcId());
        json.writeStringField("subnetId", i.subnetId());
        json.writeStringField("launchTime", i.launchTime() == null ? null : i.launchTime().toString());
        json.writeArrayFieldStart("securityGroups");
        for (SecurityGroup g : i.securityGroups()) {
            json.writeStartObject();
            json.writeStringField("id", g.id());
            json.writeStringField("name", g.name());
            json.writeStringField("description", g.description());
            json.writeArrayFieldStart("inboundRules");
            for (SecurityGroupRule r : g.inboundRules()) {
                json.writeStartObject();
                json.writeStringField("groupId", r.groupId());
                json.writeStringField("groupName", r.groupName());
                json.writeStringField("protocol", r.protocol());
                json.writeNumberField("fromPort", r.fromPort());
                json.writeNumberField("toPort", r.toPort());
                json.writeStringField("sourceKind", r.source() == null ? null : r.source().kind().name());
                json.writeStringField("source", r.source() == null ? null : r.source().value());
                json.writeStringField("description", r.description());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        if (i.agent() != null) {
            ManagedAgent a = i.agent();
            json.writeObjectFieldStart("agent");
            json.writeStringField("ping", a.ping() == null ? null : a.ping().name());
            json.writeStringField("agentVersion", a.agentVersion());
            json.writeStringField("platformName", a.platformName());
            json.writeStringField("lastPing", a.lastPing() == null ? null : a.lastPing().toString());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    /** Reads the instance whose START_OBJECT the parser is on, and leaves it on the matching END_OBJECT. */
    static Instance read(JsonParser json) throws IOException {
        Map<String, Object> f = object(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> tags = (Map<String, Object>) f.getOrDefault("tags", Map.of());
        Map<String, String> tagText = new LinkedHashMap<>();
        tags.forEach((k, v) -> tagText.put(k, String.valueOf(v)));
        List<SecurityGroup> groups = new ArrayList<>();
        for (Object o : list(f.get("securityGroups"))) {
            Map<String, Object> g = map(o);
            List<SecurityGroupRule> rules = new ArrayList<>();
            for (Object ro : list(g.get("inboundRules"))) {
                Map<String, Object> r = map(ro);
                String kind = text(r, "sourceKind");
                rules.add(new SecurityGroupRule(text(r, "groupId"), text(r, "groupName"), text(r, "protocol"),
                        number(r, "fromPort"), number(r, "toPort"),
                        kind == null ? null : new RuleSource(RuleSource.Kind.valueOf(kind), text(r, "source")),
                        text(r, "description")));
            }
            groups.add(new SecurityGroup(text(g, "id"), text(g, "name"), text(g, "description"), rules));
        }
        ManagedAgent agent = null;
        if (f.get("agent") != null) {
            Map<String, Object> a = map(f.get("agent"));
            String ping = text(a, "ping");
            agent = new ManagedAgent(ping == null ? null : ManagedAgent.Ping.valueOf(ping), text(a, "agentVersion"),
                    text(a, "platformName"), instant(text(a, "lastPing")));
        }
        String platform = text(f, "platform");
        List<String> ipv6 = list(f.get("ipv6Addresses")).stream().map(String::valueOf).toList();
        return new Instance(text(f, "profile"), text(f, "region"), text(f, "availabilityZone"), text(f, "id"),
                text(f, "name"), tagText, InstanceState.valueOf(text(f, "state")), text(f, "instanceType"),
                platform == null ? null : GuestOs.valueOf(platform), text(f, "platformDetails"), text(f, "imageId"),
                text(f, "imageName"), text(f, "keyName"), text(f, "publicIp"), text(f, "publicDns"),
                text(f, "privateIp"), ipv6, text(f, "vpcId"), text(f, "subnetId"), instant(text(f, "launchTime")),
                groups, agent);
    }

    /** The object the parser is on, as maps, lists, strings and numbers. */
    private static Map<String, Object> object(JsonParser json) throws IOException {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("expected an object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            fields.put(name, value(json));
        }
        return fields;
    }

    private static Object value(JsonParser json) throws IOException {
        return switch (json.currentToken()) {
            case START_OBJECT -> object(json);
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(json));
                }
                yield items;
            }
            case VALUE_NUMBER_INT -> json.getIntValue();
            case VALUE_NULL -> null;
            default -> json.getValueAsString();
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) throws IOException {
        if (!(o instanceof Map)) {
            throw new IOException("expected an object");
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List ? (List<Object>) o : List.of();
    }

    private static String text(Map<String, Object> f, String name) {
        Object v = f.get(name);
        return v == null ? null : String.valueOf(v);
    }

    private static int number(Map<String, Object> f, String name) {
        return f.get(name) instanceof Integer n ? n : -1;
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
