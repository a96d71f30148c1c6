// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "recouvre",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "recouvred", targets: ["recouvred"]),
        .executable(name: "recouvrectl", targets: ["recouvrectl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // libpq, from Debian's libpq-dev.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // Our Swift face of libpq.
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        // The domain: pure, I/O-free.
        .target(name: "RecouvreCore"),
        // SQL on top of Postgres: migrations, tenants, claiming and recording work.
        .target(
            name: "RecouvreStore",
            dependencies: ["Postgres", "RecouvreCore", "RecouvreImport"]
        ),
        // libcurl, from Debian's libcurl4-openssl-dev: SMTP with STARTTLS and AUTH, HTTPS.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // OpenSSL's libcrypto, from Debian's libssl-dev: HMAC-SHA256 for webhook signatures.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Delivery: e-mail over SMTP, webhooks and SMS gateways over HTTPS, message rendering.
        .target(
            name: "RecouvreChannels",
            dependencies: [
                "RecouvreCore", "CCurl", "COpenSSL",
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // Embedded at build time by scripts/embed-resources (EmbeddedTemplates.swift).
            exclude: ["Templates"]
        ),
        // cairo and pango, from Debian's libcairo2-dev and libpango1.0-dev.
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        // Letters to debtors as PDF; cairo and pango stay inside each render.
        .target(name: "RecouvreLetters", dependencies: ["RecouvreCore", "CPangoCairo"]),
        // Reading what creditors and banks send: CSV files in French or international conventions,
        // ISO 20022 camt.053/054 and CFONB 120 bank statements, and matching bank credits to invoices.
        // Pure: bytes in, values out (FoundationXML parses without I/O).
        .target(name: "RecouvreImport", dependencies: ["RecouvreCore"]),
        // Report charts as PNG or SVG, drawn with cairo and pango.
        .target(name: "RecouvreCharts", dependencies: ["RecouvreCore", "CPangoCairo"]),
        // The varlink interface recouvred and recouvrectl speak.
        // The interface text is a Swift constant; the .varlink file is its copy for readers and tools.
        .target(name: "ControlProtocol", dependencies: ["RecouvreCore"], exclude: ["io.recouvre.Control.varlink"]),
        // The daemon's services.
        .target(
            name: "RecouvreDaemon",
            dependencies: [
                "Postgres", "RecouvreCore", "RecouvreStore", "RecouvreChannels", "RecouvreLetters", "ControlProtocol",
                "RecouvreImport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "recouvred",
            dependencies: [
                "RecouvreDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "recouvrectl",
            dependencies: [
                "ControlProtocol", "RecouvreCore",
                // File imports stream straight into PostgreSQL under the operator's credentials.
                "Postgres", "RecouvreStore", "RecouvreImport",
                // report --png/--svg.
                "RecouvreCharts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // Policies are written in YAML; the CLI turns them into JSON for the daemon.
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Shared by the tests: the environment `make test` starts (database, SMTP maildir).
        .target(name: "RecouvreTestSupport", dependencies: ["Postgres"]),

        .testTarget(name: "PostgresTests", dependencies: ["Postgres", "RecouvreTestSupport"]),
        .testTarget(name: "RecouvreCoreTests", dependencies: ["RecouvreCore"]),
        .testTarget(name: "RecouvreStoreTests", dependencies: ["RecouvreStore", "RecouvreTestSupport"]),
        .testTarget(
            name: "RecouvreChannelsTests",
            dependencies: ["RecouvreChannels", "RecouvreTestSupport"],
            // Loopback SMTP and HTTPS servers the tests start with Debian's python3.
            exclude: ["Servers"]
        ),
        .testTarget(name: "RecouvreLettersTests", dependencies: ["RecouvreLetters", "RecouvreCore"]),
        .testTarget(name: "ControlProtocolTests", dependencies: ["ControlProtocol"]),
        .testTarget(name: "RecouvreImportTests", dependencies: ["RecouvreImport", "RecouvreCore"]),
        .testTarget(name: "RecouvreChartsTests", dependencies: ["RecouvreCharts", "CPangoCairo"]),
        .testTarget(name: "RecouvreDaemonTests", dependencies: ["RecouvreDaemon", "RecouvreCore", "RecouvreTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Postgres", "RecouvreTestSupport", "ControlProtocol"]),
    ],
    swiftLanguageModes: [.v6]
)
