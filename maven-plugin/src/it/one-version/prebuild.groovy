// An Ed25519 key pair in the PEM files 'hotrel keygen' writes, for hotrel:release's signingKey.
import java.security.KeyPairGenerator
def keys = new File(basedir, 'target/keys')
keys.mkdirs()
def pair = KeyPairGenerator.getInstance('Ed25519').generateKeyPair()
def pem = { String type, byte[] der ->
    "-----BEGIN ${type}-----\n" + Base64.getMimeEncoder(64, '\n'.bytes).encodeToString(der) + "\n-----END ${type}-----\n"
}
new File(keys, 'team.key').text = pem('PRIVATE KEY', pair.private.encoded)
new File(keys, 'team.pub').text = pem('PUBLIC KEY', pair.public.encoded)
return true
