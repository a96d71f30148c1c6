// RecouvreChannels
