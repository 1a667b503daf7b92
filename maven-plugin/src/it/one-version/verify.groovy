// What hotrel:app laid out, what hotrel:release packed and attached, what hotrel:help says.
def fail = { String why -> throw new AssertionError(why) }
def app = new File(basedir, 'target/lib/ledger-core-1.0.0')
def appJson = new File(app, 'app.json')
if (!appJson.isFile()) fail("no ${appJson}")
def spec = new groovy.json.JsonSlurper().parse(appJson)
if (spec.name != 'ledger-core') fail("app.json name ${spec.name}: a hyphenated artifactId is a valid application name")
if (spec.version != '1.0.0' || spec.start != 'com.example.ledger.LedgerApp') fail("app.json: ${spec}")
if (spec.servers != ['ledger.book': 'com.example.ledger.Book']) fail("app.json servers: ${spec.servers}")
if (spec.jars != ['ledger-core-1.0.0.jar', "picocli-${picocliVersion()}.jar".toString()]) fail("app.json jars: ${spec.jars}")
if (app.list().sort() != ['app.json', 'ledger-core-1.0.0.jar', "picocli-${picocliVersion()}.jar".toString()].sort()) {
    fail("folder ${app}: ${app.list()} (the node provides hotrel-api: it must not be copied)")
}
def archive = new File(basedir, 'target/ledger-core-1.0.0.tar.gz')
if (!archive.isFile()) fail("no ${archive}")
def published = new File(localRepositoryPath, 'com/example/ledger-core/1.0.0')
for (name in ['ledger-core-1.0.0.tar.gz', 'ledger-core-1.0.0-hotrel-app.zip', 'ledger-core-1.0.0.jar']) {
    if (!new File(published, name).isFile()) fail("mvn install did not publish ${name} into ${published}: ${published.list()}")
}
if (new File(published, 'ledger-core-1.0.0.tar.gz').bytes != archive.bytes) fail('the published archive differs')
def entries = ['tar', 'tzf', archive.path].execute().text.readLines()
if (entries.take(2) != ['CHECKSUMS', 'SIGNATURE']) fail("signingKey: the archive starts with ${entries.take(2)}, not CHECKSUMS, SIGNATURE")
def signature = ['tar', 'xzOf', archive.path, 'SIGNATURE'].execute().text
if (!signature.contains('release: ledger-core 1.0.0\nsigner: team\n')) fail("SIGNATURE: ${signature}")
def log = new File(basedir, 'build.log').text
for (goal in ['hotrel:app', 'hotrel:appup', 'hotrel:release', 'hotrel:help']) {
    if (!log.contains(goal)) fail("hotrel:help -Ddetail does not list ${goal}")
}
for (property in ['hotrel.previous', 'hotrel.from', 'hotrel.start']) {
    if (!log.contains(property)) fail("hotrel:help -Ddetail does not document ${property}")
}
return true

String picocliVersion() {
    new File(basedir, 'pom.xml').text.find(/<artifactId>picocli<\/artifactId>\s*<version>([^<]+)<\/version>/) { m, v -> v }
}
