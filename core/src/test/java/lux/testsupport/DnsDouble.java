package lux.testsupport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A tiny recursive DNS server on loopback UDP, answering in the real wire format (built
 * by dnsjava): TXT and CNAME records, a CNAME followed to its target's records as a
 * resolver does, NXDOMAIN for unknown names, and silence for names told to time out.
 * Counts the queries it answered.
 */
public final class DnsDouble implements AutoCloseable {

    private final DatagramSocket socket;

    private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();

    private final Set<Name> silent = ConcurrentHashMap.newKeySet();

    private final AtomicInteger queries = new AtomicInteger();

    private final Thread thread;

    public DnsDouble() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "dns-double");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code host:port} for lux.preflight.dns.resolver. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public DnsDouble txt(String name, String text) {
        Name n = name(name);
        records.computeIfAbsent(n, k -> new ArrayList<>()).add(new TXTRecord(n, DClass.IN, 300, text));
        return this;
    }

    public DnsDouble cname(String name, String target) {
        Name n = name(name);
        records.computeIfAbsent(n, k -> new ArrayList<>()).add(new CNAMERecord(n, DClass.IN, 300, name(target)));
        return this;
    }

    /** Queries for this name and everything under it get no answer at all. */
    public DnsDouble silent(String domain) {
        silent.add(name(domain));
        return this;
    }

    public int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                if (silent.stream().anyMatch(s -> question.getName().subdomain(s))) {
                    continue;
                }
                queries.incrementAndGet();
                byte[] answer = answer(query, question).toWire();
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            }
            catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private Message answer(Message query, Record question) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RD);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        boolean known = false;
        for (int hop = 0; hop < 8; hop++) {
            List<Record> here = records.getOrDefault(name, List.of());
            known |= !here.isEmpty();
            Name next = null;
            for (Record r : here) {
                if (r.getType() == question.getType()) {
                    response.addRecord(r, Section.ANSWER);
                }
                else if (r instanceof CNAMERecord c) {
                    response.addRecord(r, Section.ANSWER);
                    next = c.getTarget();
                }
            }
            if (next == null || question.getType() == Type.CNAME) {
                break;
            }
            name = next;
        }
        if (!known) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        return response;
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        }
        catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }

}
