print("recouvrectl")
