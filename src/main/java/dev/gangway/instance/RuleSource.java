package dev.gangway.instance;

/** Where inbound traffic allowed by a security-group rule may come from. */
public record RuleSource(Kind kind, String value) {

    public enum Kind { CIDR_V4, CIDR_V6, PREFIX_LIST, SECURITY_GROUP }

    public static RuleSource cidr(String cidr) {
        return new RuleSource(cidr.contains(":") ? Kind.CIDR_V6 : Kind.CIDR_V4, cidr);
    }

    @Override
    public String toString() {
        return value;
    }
}
