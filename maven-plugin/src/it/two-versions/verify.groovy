// 1.1.0's appup was drafted from 1.0.0 by hotrel:appup, shipped by hotrel:app, and packed into plans by hotrel:release.
import groovy.json.JsonSlurper
def fail = { String why -> throw new AssertionError(why) }
def draft = new File(basedir, 'v2/target/hotrel/appup.json')
if (!draft.isFile()) fail("hotrel:appup wrote no draft ${draft}")
def appup = new JsonSlurper().parse(draft)
def expected = [version: '1.1.0',
                upFrom: [[version: '1.0.0', instructions: [[update: 'ledger.book']]]],
                downTo: [[version: '1.0.0', instructions: [[update: 'ledger.book']]]]]
if (appup != expected) fail("drafted appup ${appup}, expected ${expected}")
def shipped = new File(basedir, 'v2/target/lib/ledger-1.1.0/appup.json')
if (!shipped.isFile() || new JsonSlurper().parse(shipped) != expected) fail("hotrel:app did not ship the draft: ${shipped}")
if (new File(basedir, 'v1/target/lib/ledger-1.0.0/appup.json').exists()) fail('1.0.0 has no earlier version: no appup')
for (archive in ['v1/target/ledger-1.0.0.tar.gz', 'v2/target/ledger-1.1.0.tar.gz']) {
    if (!new File(basedir, archive).isFile()) fail("no ${archive}")
}
def log = new File(basedir, 'build.log').text
for (line in ['update ledger.book (up and down): callback class com.example.ledger.Book changed; state class com.example.ledger.Book$State changed',
              'no instruction for ledger.audit',
              'release ledger-1.1.0 (ledger@1.1.0), plans from and back to 1.0.0']) {
    if (!log.contains(line)) fail("the build log does not say: ${line}")
}
return true
