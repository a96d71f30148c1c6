// RecouvreDaemon
