-- attacks: break outside a loop
-- expect: syntax "break outside loop at line 3"
break
