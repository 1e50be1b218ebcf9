package org.vigil.ward;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log-in and topic rights in the central's embedded broker (a HiveMQ extension inside the same JVM):
 * every client must log in with a user of the ward's users file; an edge box may publish only its own
 * presence, alerts and its own beds' states, a nurse station may read the ward and publish only
 * commands; anything else is denied. The central's own connection logs in with a one-off secret made
 * at start. Mosquitto's password file and ACL (docs/deployment.md) give the same rights outside.
 */
public final class WardAccess {
    private static final Logger log = LoggerFactory.getLogger(WardAccess.class);
    /** MQTT user property the broker puts on every command: the log-in that sent it (a client cannot forge it). */
    public static final String LOGIN_PROPERTY = "vigil-login";
    private final java.util.Map<String, String> loginByClient = new java.util.concurrent.ConcurrentHashMap<>();
    private final WardTopics topics;
    private final java.util.function.Supplier<WardUsers> users;
    private final WardUser internal;
    private final char[] internalSecret;

    /** @param internalSecret the password of {@code internalName}, the central's own log-in (role central) */
    public WardAccess(WardTopics topics, WardUsers users, String internalName, char[] internalSecret) {
        this(topics, () -> users, internalName, internalSecret);
    }

    /** @param users asked at each log-in (a {@link WardUsersFile} re-reads its file when it changed) */
    public WardAccess(WardTopics topics, java.util.function.Supplier<WardUsers> users, String internalName, char[] internalSecret) {
        this.topics = topics;
        this.users = users;
        this.internal = new WardUser(internalName, WardUser.Role.CENTRAL, List.of(), "");
        this.internalSecret = internalSecret.clone();
    }

    /** What {@code user} may do, as HiveMQ topic permissions (everything else is denied). */
    public List<TopicPermission> permissions(WardUser user) {
        List<TopicPermission> p = new ArrayList<>();
        switch (user.role()) {
            case CENTRAL -> p.add(allow(topics.base() + "/#", TopicPermission.MqttActivity.ALL));
            case STATION -> {
                p.add(allow(topics.base() + "/#", TopicPermission.MqttActivity.SUBSCRIBE));
                p.add(allow(topics.commands(), TopicPermission.MqttActivity.PUBLISH));
            }
            case EDGE -> {
                p.add(allow(topics.presence(user.name()), TopicPermission.MqttActivity.PUBLISH));
                p.add(allow(topics.alerts(user.name()), TopicPermission.MqttActivity.PUBLISH));
                user.beds().forEach(b -> p.add(allow(topics.bed(b), TopicPermission.MqttActivity.PUBLISH)));
                p.add(allow(topics.receipts(user.name()), TopicPermission.MqttActivity.SUBSCRIBE));
                p.add(allow(topics.config(), TopicPermission.MqttActivity.SUBSCRIBE));
                p.add(allow(topics.allAlertStates(), TopicPermission.MqttActivity.SUBSCRIBE));
                p.add(allow(topics.centralPresence(), TopicPermission.MqttActivity.SUBSCRIBE));
            }
        }
        return p;
    }

    /** Who logs in with this name and password, if anybody. */
    Optional<WardUser> check(String name, char[] password) {
        if (name == null) return Optional.empty();
        if (name.equals(internal.name())) {
            return java.security.MessageDigest.isEqual(bytes(password), bytes(internalSecret)) ? Optional.of(internal) : Optional.empty();
        }
        return users.get().find(name).filter(u -> PasswordHash.matches(password, u.passwordHash()));
    }

    EmbeddedExtension extension() {
        SimpleAuthenticator authenticator = this::onConnect;
        return EmbeddedExtension.builder().withId("vigil-ward-access").withName("Vigil ward access").withVersion("1")
                .withAuthor("Vigil").withPriority(1000).withStartPriority(1000)
                .withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                        Services.securityRegistry().setAuthenticatorProvider(input -> authenticator);
                        Services.initializerRegistry().setClientInitializer((init, client) -> client.addPublishInboundInterceptor((publish, pub) -> {
                            var packet = pub.getPublishPacket();
                            if (!packet.getTopic().equals(topics.commands())) return;
                            // the audit trail says which log-in acknowledged, whatever the message claims
                            packet.getUserProperties().removeName(LOGIN_PROPERTY);
                            String login = loginByClient.get(publish.getClientInformation().getClientId());
                            if (login != null) packet.getUserProperties().addUserProperty(LOGIN_PROPERTY, login);
                        }));
                    }

                    @Override
                    public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {
                        // nothing to release
                    }
                }).build();
    }

    private void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        var connect = input.getConnectPacket();
        String name = connect.getUserName().orElse(null);
        char[] password = connect.getPassword().map(WardAccess::chars).orElse(new char[0]);
        String from = input.getConnectionInformation().getInetAddress().map(Object::toString).orElse("?");
        try {
            Optional<WardUser> user = check(name, password);
            if (user.isEmpty()) {
                log.warn("MQTT log-in refused: user '{}' (client '{}', from {}): unknown user or wrong password", name,
                        connect.getClientId(), from);
                output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, "unknown user or wrong password");
                return;
            }
            WardUser u = user.get();
            if (u.role() == WardUser.Role.EDGE && !connect.getClientId().equals(EdgeNode.clientId(u.name()))) {
                // an edge may not take over another box's session
                log.warn("MQTT log-in refused: edge user '{}' came with client id '{}' (from {})", name, connect.getClientId(), from);
                output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "an edge's client id is " + EdgeNode.clientId(u.name()));
                return;
            }
            loginByClient.put(connect.getClientId(), u.name());
            output.getDefaultPermissions().addAll(permissions(u));
            output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
            log.info("MQTT log-in: {} '{}' (client '{}', from {})", u.role().wire(), name, connect.getClientId(), from);
            output.authenticateSuccessfully();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static TopicPermission allow(String filter, TopicPermission.MqttActivity activity) {
        return Builders.topicPermission().topicFilter(filter).type(TopicPermission.PermissionType.ALLOW).activity(activity).build();
    }

    private static char[] chars(ByteBuffer b) {
        CharBuffer c = StandardCharsets.UTF_8.decode(b.asReadOnlyBuffer());
        char[] out = new char[c.remaining()];
        c.get(out);
        return out;
    }

    private static byte[] bytes(char[] c) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(c));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
