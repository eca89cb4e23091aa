operations = []  # forgot the Migration class
