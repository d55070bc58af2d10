package io.mimic.linuxuser.fork;

import io.mimic.linuxuser.host.HostFds;
import io.mimic.linuxuser.host.PacketSockets;
import io.mimic.linuxuser.process.GuestProcess;
import io.mimic.linuxuser.process.RunningImage;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;

/**
 * A forked child's translations, returned to its parent when it exits, so that the next child
 * (the next command of a shell loop, say) starts with them instead of translating the same code
 * again in a cold JVM. The channel is a packet socket made at fork: the child sends what it
 * translated (or learned from its own children) without blocking, as much as the socket takes,
 * and the parent reads it when it reaps the child. Nothing here is trusted: the receiving code
 * cache uses a translation only where the guest's bytes match it (see CodeCache).
 */
public final class TranslationReturn {
    /** The child's end of its channel, or -1 (not a forked child, or the channel failed). */
    private static volatile int channel = -1;
    private TranslationReturn() {}

    static void channel(int fd) {
        channel = fd;
    }

    /** At exit: sends the parent what it has not seen, as far as the channel takes it. */
    public static void sendAtExit() {
        int fd = channel;
        GuestProcess image = RunningImage.get();
        if (fd < 0 || image == null) return;
        for (byte[] message : image.code.translationMessages(true, PacketSockets.MAX_MESSAGE)) {
            if (!PacketSockets.send(fd, message)) break;
        }
    }

    /** Parent side, at the reaping of a child: takes what it returned and closes the channel. */
    public static void receive(GuestProcess owner, int fd) {
        try {
            for (byte[] m; owner != null && (m = PacketSockets.receive(fd)) != null; ) {
                owner.code.readTranslations(new DataInputStream(new ByteArrayInputStream(m)), true);
            }
        } catch (IOException e) {
            // a malformed message from a child: what it returned is not used
        } finally {
            HostFds.close(fd);
        }
    }
}
