package dev.gangway.doctor;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

import dev.gangway.aws.AwsErrors;
import dev.gangway.aws.CloudException;
import dev.gangway.aws.Ec2Calls;
import dev.gangway.aws.SecurityGroups;
import dev.gangway.eice.ConnectEndpoints;
import dev.gangway.instance.Instance;
import dev.gangway.instance.SecurityGroup;

/**
 * What the checks look at, each fetched once and at once (AWS calls in parallel): the user's public
 * IP, the subnet's route to the internet, the Instance Connect Endpoint in the VPC, the key pair's
 * fingerprint, the console output, the Windows password data.
 */
final class Facts {

    /** A fact, or why it could not be had. */
    record Got<T>(T value, String problem) {
        static <T> Got<T> of(T value) {
            return new Got<>(value, null);
        }

        static <T> Got<T> failed(String problem) {
            return new Got<>(null, problem);
        }

        boolean ok() {
            return problem == null;
        }
    }

    /** The subnet's route table, and whether it sends 0.0.0.0/0 (or ::/0) to an internet gateway. */
    record Routing(String routeTableId, boolean internet) {
    }

    final CompletableFuture<Optional<String>> myIp;
    final CompletableFuture<Got<Routing>> routing;
    final CompletableFuture<Got<ConnectEndpoints.Endpoint>> endpoint;
    final CompletableFuture<Got<Optional<String>>> keyFingerprint;
    final CompletableFuture<Got<String>> consoleOutput;
    final CompletableFuture<Got<Optional<String>>> passwordData;
    /** The subnet's network ACL: its id and entries. */
    record Acl(String id, List<NetworkAclEntry> entries) {
    }

    final CompletableFuture<Got<Acl>> networkAcl;
    /** The ARN of the instance profile attached to the instance, if any (what its SSM Agent registers with). */
    final CompletableFuture<Got<Optional<String>>> instanceProfile;
    /** Who is calling, for IAM's policy simulation. */
    final CompletableFuture<Got<PolicySimulation.Caller>> caller;
    /** The instance's security groups as they are now (a rule may have been added since the listing). */
    final CompletableFuture<List<SecurityGroup>> groups;

    Facts(Doctor.Environment env, Instance instance, Executor pool) {
        Ec2Calls ec2 = new Ec2Calls(env.access());
        myIp = CompletableFuture.supplyAsync(() -> env.publicIp().publicIp(), pool);
        routing = CompletableFuture.supplyAsync(() -> routing(env, instance), pool);
        endpoint = CompletableFuture.supplyAsync(() -> {
            try {
                return Got.of(ConnectEndpoints.find(env.access(), instance));
            } catch (CloudException e) {
                return Got.failed(e.getMessage());
            }
        }, pool);
        keyFingerprint = CompletableFuture.supplyAsync(() -> get(() -> ec2.keyPairFingerprint(instance)), pool);
        consoleOutput = CompletableFuture.supplyAsync(() -> get(() -> ec2.consoleOutput(instance)), pool);
        networkAcl = CompletableFuture.supplyAsync(() -> networkAcl(env, instance), pool);
        caller = CompletableFuture.supplyAsync(() -> PolicySimulation.caller(env.access(), instance), pool);
        instanceProfile = instance.isManagedNode() ? CompletableFuture.completedFuture(Got.of(Optional.empty()))
                : CompletableFuture.supplyAsync(() -> instanceProfile(env, instance), pool);
        groups = CompletableFuture.supplyAsync(() -> {
            try {
                return SecurityGroups.current(env.access(), instance);
            } catch (CloudException e) {
                return instance.securityGroups();
            }
        }, pool);
        passwordData = Doctor.windows(instance)
                ? CompletableFuture.supplyAsync(() -> get(() -> ec2.passwordData(instance)), pool)
                : CompletableFuture.completedFuture(Got.of(Optional.empty()));
    }

    private interface Call<T> {
        T call() throws CloudException;
    }

    private static <T> Got<T> get(Call<T> call) {
        try {
            return Got.of(call.call());
        } catch (CloudException e) {
            return Got.failed(e.getMessage());
        }
    }

    /** The table associated with the subnet, else the VPC's main table (as EC2 routes it). */
    private static Got<Routing> routing(Doctor.Environment env, Instance instance) {
        if (instance.subnetId() == null || instance.vpcId() == null) {
            return Got.failed("it is in no subnet");
        }
        try {
            Ec2Client ec2 = env.access().ec2(instance.profile(), instance.region());
            List<RouteTable> tables = ec2.describeRouteTables(r -> r.filters(Filter.builder()
                    .name("association.subnet-id").values(instance.subnetId()).build())).routeTables();
            if (tables.isEmpty()) {
                tables = ec2.describeRouteTables(r -> r.filters(
                        Filter.builder().name("vpc-id").values(instance.vpcId()).build(),
                        Filter.builder().name("association.main").values("true").build())).routeTables();
            }
            if (tables.isEmpty()) {
                return Got.failed("no route table applies to subnet " + instance.subnetId());
            }
            RouteTable t = tables.get(0);
            boolean internet = t.routes().stream().anyMatch(Facts::toInternet);
            return Got.of(new Routing(t.routeTableId(), internet));
        } catch (SdkException e) {
            return Got.failed(AwsErrors.describe(e, instance.profile(), instance.region()));
        }
    }

    private static Got<Optional<String>> instanceProfile(Doctor.Environment env, Instance instance) {
        try {
            return Got.of(env.access().ec2(instance.profile(), instance.region())
                    .describeInstances(r -> r.instanceIds(instance.id())).reservations().stream()
                    .flatMap(r -> r.instances().stream()).findFirst()
                    .flatMap(i -> Optional.ofNullable(i.iamInstanceProfile())).map(p -> p.arn()));
        } catch (SdkException e) {
            return Got.failed(AwsErrors.describe(e, instance.profile(), instance.region()));
        }
    }

    private static Got<Acl> networkAcl(Doctor.Environment env, Instance instance) {
        if (instance.subnetId() == null) {
            return Got.failed("it is in no subnet");
        }
        try {
            List<NetworkAcl> acls = env.access().ec2(instance.profile(), instance.region())
                    .describeNetworkAcls(r -> r.filters(Filter.builder().name("association.subnet-id")
                            .values(instance.subnetId()).build())).networkAcls();
            return acls.isEmpty() ? Got.failed("no network ACL is associated with subnet " + instance.subnetId())
                    : Got.of(new Acl(acls.get(0).networkAclId(), acls.get(0).entries()));
        } catch (SdkException e) {
            return Got.failed(AwsErrors.describe(e, instance.profile(), instance.region()));
        }
    }

    private static boolean toInternet(Route r) {
        boolean everywhere = "0.0.0.0/0".equals(r.destinationCidrBlock()) || "::/0".equals(r.destinationIpv6CidrBlock());
        return everywhere && r.gatewayId() != null && r.gatewayId().startsWith("igw-")
                && !"blackhole".equals(r.stateAsString());
    }
}
