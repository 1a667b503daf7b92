package dev.hotrel.practice;

import java.util.List;

/** The practice server's state: a record with a list, converted at each practice code change as an application's would be. */
public record PracticeState(long count, List<String> notes) {
}
