print("recouvred")
