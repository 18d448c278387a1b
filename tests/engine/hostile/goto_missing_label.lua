-- attacks: a goto without a label
-- expect: syntax "no visible label 'nowhere' for <goto> at line 3"
goto nowhere
