package dev.hotrel.api;

import java.util.Map;

/** What a running application knows about itself. */
public interface ApplicationContext {

    /** The application's name, as in its {@code app.json}. */
    String name();

    /** The version now running. */
    String version();

    /**
     * The application's configuration from the release's {@code sys.json}: JDK values only
     * (maps, lists, strings, numbers, booleans). Unmodifiable; a new map after a config change.
     */
    Map<String, Object> config();
}
