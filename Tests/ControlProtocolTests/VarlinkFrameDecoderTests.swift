import ControlProtocol
import Foundation
import Testing

@Suite("Frame decoder")
struct VarlinkFrameDecoderTests {
    @Test("one feed with two messages yields both, in order, without their NUL")
    func twoMessagesInOneFeed() throws {
        var decoder = VarlinkFrameDecoder()
        let frames = try decoder.feed(Array("{\"a\":1}\0{\"b\":2}\0".utf8))
        #expect(frames == [Data("{\"a\":1}".utf8), Data("{\"b\":2}".utf8)])
        #expect(decoder.bufferedByteCount == 0)
    }

    @Test("a message split across feeds is yielded once complete")
    func splitMessage() throws {
        var decoder = VarlinkFrameDecoder()
        #expect(try decoder.feed(Array("{\"meth".utf8)).isEmpty)
        #expect(decoder.bufferedByteCount == 6)
        #expect(try decoder.feed(Array("od\":\"x\"".utf8)).isEmpty)
        let frames = try decoder.feed(Array("}\0{\"par".utf8))
        #expect(frames == [Data("{\"method\":\"x\"}".utf8)])
        #expect(decoder.bufferedByteCount == 5)
    }

    @Test("byte-by-byte feeding gives the same messages")
    func byteByByte() throws {
        var decoder = VarlinkFrameDecoder()
        var frames: [Data] = []
        for byte in Array("ab\0\0cd\0".utf8) {
            frames += try decoder.feed([byte])
        }
        #expect(frames == [Data("ab".utf8), Data(), Data("cd".utf8)])
    }

    @Test("a message of exactly the limit passes; one byte more fails, and the decoder stays failed")
    func oversized() throws {
        var decoder = VarlinkFrameDecoder(maxFrameBytes: 8)
        #expect(try decoder.feed(Array("12345678\0".utf8)) == [Data("12345678".utf8)])
        #expect(throws: VarlinkFrameDecoder.Failure.oversized(limit: 8)) {
            try decoder.feed(Array("123456789".utf8))
        }
        #expect(decoder.bufferedByteCount == 0)
        #expect(throws: VarlinkFrameDecoder.Failure.oversized(limit: 8)) {
            try decoder.feed(Array("\0".utf8))
        }
    }

    @Test("an endless message without NUL fails as soon as it passes the limit, before its end")
    func oversizedWithoutTerminator() throws {
        var decoder = VarlinkFrameDecoder(maxFrameBytes: 1024)
        #expect(try decoder.feed([UInt8](repeating: 65, count: 1000)).isEmpty)
        #expect(throws: VarlinkFrameDecoder.Failure.oversized(limit: 1024)) {
            try decoder.feed([UInt8](repeating: 65, count: 100))
        }
    }
}
