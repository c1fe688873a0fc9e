package dev.gangway.sandbox.ec2;

import static dev.gangway.sandbox.ec2.Ec2Requests.NAMESPACE;
import static dev.gangway.sandbox.ec2.Ec2Requests.OWNER_ID;
import static dev.gangway.sandbox.ec2.Ec2Requests.anyGlob;
import static dev.gangway.sandbox.ec2.Ec2Requests.checkFilters;
import static dev.gangway.sandbox.ec2.Ec2Requests.matches;
import static dev.gangway.sandbox.ec2.Ec2Requests.page;
import static dev.gangway.sandbox.ec2.Ec2Requests.parseInt;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.gangway.instance.InstanceState;
import dev.gangway.sandbox.http.ApiError;
import dev.gangway.sandbox.http.QueryApi;
import dev.gangway.sandbox.http.QueryParams;
import dev.gangway.sandbox.http.SandboxApi;
import dev.gangway.sandbox.http.XmlWriter;
import dev.gangway.sandbox.world.Ids;
import dev.gangway.sandbox.world.SandboxKeyPair;
import dev.gangway.sandbox.world.SandboxWorld;
import dev.gangway.sandbox.world.SandboxWorld.Ami;
import dev.gangway.sandbox.world.SandboxWorld.RegionData;

/**
 * The sandbox's EC2 API: the Query protocol as the EC2 API reference documents it (form-encoded
 * {@code Action=...}, XML in the EC2 namespace, {@code <Response><Errors>} error documents). Requests
 * reach it through {@link SandboxApi}, which has checked their signature and names their region.
 */
public final class Ec2QueryEndpoint implements QueryApi {

    private final SandboxWorld world;
    private final SandboxKeyPair keyPair;
    private final Ec2Instances instances;
    private final Ec2SecurityGroups groups;
    private final Ec2ConnectEndpoints endpoints;
    private final Ec2RouteTables routeTables = new Ec2RouteTables();
    private final Ec2NetworkAcls networkAcls = new Ec2NetworkAcls();

    public Ec2QueryEndpoint(SandboxWorld world, SandboxKeyPair keyPair, Clock clock) {
        this.world = world;
        this.keyPair = keyPair;
        this.instances = new Ec2Instances(world, keyPair, clock);
        this.groups = new Ec2SecurityGroups(world);
        this.endpoints = new Ec2ConnectEndpoints(world, clock);
    }

    /** The XML answer to the Query request {@code p} in {@code region}, or the EC2 error to answer instead. */
    @Override
    public String dispatch(QueryParams p, String region, String requestId) throws ApiError {
        String action = p.action();
        if (action == null) {
            throw ApiError.invalid("MissingAction", "The request must contain the parameter Action");
        }
        world.countCall(action);
        RegionData data = world.region(region).orElseGet(() -> new RegionData(region, true));
        if (!data.enabled && !"DescribeRegions".equals(action)) {
            throw new ApiError(401, "OptInRequired",
                    "You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.");
        }
        XmlWriter x = new XmlWriter().start(action + "Response", NAMESPACE).el("requestId", requestId);
        synchronized (world) {
            switch (action) {
                case "DescribeRegions" -> describeRegions(p, x);
                case "DescribeInstances" -> instances.describeInstances(p, data, x);
                case "DescribeSecurityGroups" -> groups.describeSecurityGroups(p, data, x);
                case "DescribeImages" -> describeImages(p, data, x);
                case "DescribeKeyPairs" -> describeKeyPairs(p, x);
                case "GetPasswordData" -> instances.getPasswordData(p, data, x);
                case "GetConsoleOutput" -> instances.getConsoleOutput(p, data, x);
                case "StartInstances" -> instances.changeState(p, data, x, InstanceState.RUNNING);
                case "StopInstances" -> instances.changeState(p, data, x, InstanceState.STOPPED);
                case "RebootInstances" -> instances.reboot(p, data, x);
                case "AuthorizeSecurityGroupIngress" -> groups.changeIngress(p, data, x, true);
                case "RevokeSecurityGroupIngress" -> groups.changeIngress(p, data, x, false);
                case "DescribeInstanceConnectEndpoints" -> endpoints.describe(p, data, x);
                case "CreateInstanceConnectEndpoint" -> endpoints.create(p, data, x);
                case "DeleteInstanceConnectEndpoint" -> endpoints.delete(p, data, x);
                case "DescribeRouteTables" -> routeTables.describe(p, data, x);
                case "DescribeNetworkAcls" -> networkAcls.describe(p, data, x);
                default -> throw ApiError.invalid("InvalidAction",
                        "The action " + action + " is not valid for this web service.");
            }
        }
        return x.toString();
    }

    // ---- DescribeRegions ------------------------------------------------------------------

    private void describeRegions(QueryParams p, XmlWriter x) throws ApiError {
        boolean all = Boolean.parseBoolean(p.get("AllRegions"));
        List<String> names = p.list("RegionName");
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "region-name", "opt-in-status", "endpoint");
        x.start("regionInfo");
        for (RegionData r : world.regions()) {
            if ((!all && !r.enabled) || (!names.isEmpty() && !names.contains(r.name))) {
                continue;
            }
            String optIn = r.enabled ? "opt-in-not-required" : "not-opted-in";
            String endpoint = "ec2." + r.name + ".amazonaws.com";
            if (!matches(filters, "region-name", r.name) || !matches(filters, "opt-in-status", optIn)
                    || !matches(filters, "endpoint", endpoint)) {
                continue;
            }
            x.start("item").el("regionName", r.name).el("regionEndpoint", endpoint).el("optInStatus", optIn).end();
        }
        x.end();
    }


    // ---- DescribeImages -------------------------------------------------------------------

    private void describeImages(QueryParams p, RegionData data, XmlWriter x) throws ApiError {
        List<String> ids = p.list("ImageId");
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "image-id", "name", "platform", "owner-alias");
        x.start("imagesSet");
        for (Ami ami : data.images.values()) {
            if ((!ids.isEmpty() && !ids.contains(ami.id())) || !matches(filters, "image-id", ami.id())
                    || !matches(filters, "name", ami.name()) || !matches(filters, "owner-alias", "amazon")
                    || (filters.containsKey("platform") && !(ami.windows() && matches(filters, "platform", "windows")))) {
                continue;
            }
            x.start("item")
                    .el("imageId", ami.id())
                    .el("imageLocation", "amazon/" + ami.name())
                    .el("imageState", "available")
                    .el("imageOwnerId", "137112412989")
                    .el("creationDate", "2024-12-13T10:00:00.000Z")
                    .el("isPublic", true)
                    .el("architecture", "x86_64")
                    .el("imageType", "machine");
            if (ami.windows()) {
                x.el("platform", "windows");
            }
            x.el("platformDetails", ami.platformDetails())
                    .el("usageOperation", ami.windows() ? "RunInstances:0002" : "RunInstances")
                    .el("imageOwnerAlias", "amazon")
                    .el("name", ami.name())
                    .el("description", ami.description())
                    .el("rootDeviceType", "ebs")
                    .el("rootDeviceName", ami.windows() ? "/dev/sda1" : "/dev/xvda")
                    .el("virtualizationType", "hvm")
                    .el("hypervisor", "xen")
                    .end();
        }
        x.end();
    }


    // ---- DescribeKeyPairs -----------------------------------------------------------------

    private void describeKeyPairs(QueryParams p, XmlWriter x) throws ApiError {
        List<String> names = p.list("KeyName");
        Map<String, List<String>> filters = p.filters();
        checkFilters(filters, "key-name", "fingerprint", "key-pair-id");
        for (String n : names) {
            if (!SandboxKeyPair.NAME.equals(n)) {
                throw ApiError.invalid("InvalidKeyPair.NotFound", "The key pair '" + n + "' does not exist");
            }
        }
        x.start("keySet");
        String id = Ids.of("key-", SandboxKeyPair.NAME, 17);
        if (matches(filters, "key-name", SandboxKeyPair.NAME) && matches(filters, "fingerprint", keyPair.fingerprint())
                && matches(filters, "key-pair-id", id)) {
            x.start("item")
                    .el("keyPairId", id)
                    .el("keyName", SandboxKeyPair.NAME)
                    .el("keyFingerprint", keyPair.fingerprint())
                    .el("keyType", "rsa")
                    .start("tagSet").end()
                    .el("createTime", "2026-03-01T09:00:00.000Z")
                    .end();
        }
        x.end();
    }

}
