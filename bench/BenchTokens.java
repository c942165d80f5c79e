import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;

/**
 * Signing material for bench/gateway.sh, with the JDK only: an RSA key published as a JWKS file, and one RS256
 * access token of that key for the realm the services expect (issuer given, audience chatbot-saas-api), valid 2 h.
 * Usage: java bench/BenchTokens.java <output dir> <issuer>
 */
public class BenchTokens {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String issuer = args[1];
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        String kid = "bench-" + Long.toHexString(System.nanoTime());

        Files.writeString(
                dir.resolve("jwks.json"),
                "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                        + b64(unsigned(key.getModulus())) + "\",\"e\":\"" + b64(unsigned(key.getPublicExponent()))
                        + "\"}]}");

        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String claims = "{\"iss\":\"" + issuer + "\",\"aud\":[\"chatbot-saas-api\"],\"sub\":\"bench-user\","
                + "\"preferred_username\":\"bench@example.test\",\"azp\":\"auth-service\",\"iat\":" + now
                + ",\"exp\":" + (now + 7200) + "}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(pair.getPrivate());
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("token"), signingInput + "." + b64(rs256.sign()));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
