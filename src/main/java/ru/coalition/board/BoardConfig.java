package ru.coalition.board;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the Q&A board (coalition.board.*): how often a member may post. */
@ConfigMapping(prefix = "coalition.board")
public interface BoardConfig {

    /** Posts (questions and answers together) a member may write in one short window… */
    @WithDefault("5")
    int burstPosts();

    /** …that window… */
    @WithDefault("PT10M")
    Duration burstWindow();

    /** …and in one day (a fixed UTC day). Support agents are not limited. */
    @WithDefault("30")
    int dailyPosts();
}
