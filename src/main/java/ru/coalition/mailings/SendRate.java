package ru.coalition.mailings;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.members.Consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The global rate limit per channel across every replica (issue 12 §5): a token bucket in one row per channel
 * (sending_rate), refilled at the configured rate and holding at most one second's worth. A worker takes what it is
 * about to send and gives back what it did not use; each take is one short statement under the row's lock.
 */
@ApplicationScoped
public class SendRate {

    private static final String TAKE = """
            with cur as (select channel, least(?, tokens + extract(epoch from clock_timestamp() - refreshed_at) * ?) as avail
                         from sending_rate where channel = ? for update)
            update sending_rate s set tokens = cur.avail - least(?, floor(greatest(cur.avail, 0))), refreshed_at = clock_timestamp()
            from cur where s.channel = cur.channel
            returning cast(least(?, floor(greatest(cur.avail, 0))) as int)""";

    @Inject
    AgroalDataSource db;

    @Inject
    SendingConfig config;

    public double perSecond(Consent.Channel channel) {
        return channel == Consent.Channel.SMS ? config.smsPerSecond() : config.emailPerSecond();
    }

    /** Takes up to {@code wanted} tokens of the channel without waiting; how many it got (0 when the bucket is empty). */
    public int take(Consent.Channel channel, int wanted) {
        double rate = perSecond(channel);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(TAKE)) {
                s.setDouble(1, rate);
                s.setDouble(2, rate);
                s.setString(3, channel.name());
                s.setInt(4, wanted);
                s.setInt(5, wanted);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
            }
            // the channel's first take anywhere: the bucket starts full
            try (PreparedStatement s = c.prepareStatement("insert into sending_rate (channel, tokens, refreshed_at)"
                    + " values (?, ?, clock_timestamp()) on conflict do nothing")) {
                s.setString(1, channel.name());
                s.setDouble(2, rate);
                s.executeUpdate();
            }
            return 0;
        } catch (SQLException e) {
            throw new IllegalStateException("sending rate: " + e.getMessage(), e);
        }
    }

    /** Gives back tokens taken and not used (rows skipped, a paused campaign). */
    public void giveBack(Consent.Channel channel, int tokens) {
        if (tokens <= 0) {
            return;
        }
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("update sending_rate set tokens = least(?, tokens + ?) where channel = ?")) {
            s.setDouble(1, perSecond(channel));
            s.setInt(2, tokens);
            s.setString(3, channel.name());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("sending rate: " + e.getMessage(), e);
        }
    }

    /** Waits (in small steps, so a pause is seen) until at least one token is there; takes up to {@code wanted}. */
    public int await(Consent.Channel channel, int wanted) throws InterruptedException {
        while (true) {
            int got = take(channel, wanted);
            if (got > 0) {
                return got;
            }
            long millis = (long) Math.ceil(1000.0 * Math.min(wanted, Math.max(1, perSecond(channel) / 10)) / perSecond(channel));
            Thread.sleep(Math.max(5, Math.min(millis, 200)));
        }
    }
}
