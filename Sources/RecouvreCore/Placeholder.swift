// RecouvreCore
