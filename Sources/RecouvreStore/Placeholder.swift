// RecouvreStore
