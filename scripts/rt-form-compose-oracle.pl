#!/usr/bin/perl
# Oracle for the response side: RT's own form_compose (RT::Interface::REST,
# from the installed request-tracker5 or request-tracker4; run, never copied)
# lays out generated forms, and the result is wrapped as REST/1.0/dhandler
# sends a body (status line, empty line, forms, one LF).
#
# Usage: perl -I<share>/lib scripts/rt-form-compose-oracle.pl
#
# Input (stdin), per case:  C <number of forms>\n, then per form
#   K <number of fields>\n, then per field N <length>\n<name>\n V <length>\n<value>\n.
# Output (stdout): per case B <length>\n<body>\n.
# Lengths count bytes of the UTF-8 encoding; names and values are decoded
# from UTF-8 first, as RT holds them.
use strict;
use warnings;
use Encode qw(decode encode);
use RT::Interface::REST;

binmode STDIN;
binmode STDOUT;

sub take {
    my ($tag) = @_;
    my $head = <STDIN>;
    defined $head or return;
    $head =~ /^\Q$tag\E (\d+)\n\z/ or die "expected $tag, got $head";
    my $n = $1;
    my $text = '';
    if ($tag eq 'N' or $tag eq 'V') {
        read(STDIN, $text, $n) == $n or die "short $tag";
        my $lf = <STDIN>;
        return decode('UTF-8', $text);
    }
    return $n;
}

while (defined(my $forms = take('C'))) {
    my @forms;
    for (1 .. $forms) {
        my $fields = take('K');
        my (@order, %k);
        for (1 .. $fields) {
            my $name = take('N');
            my $value = take('V');
            push @order, $name;
            $k{$name} = $value;
        }
        push @forms, [ '', \@order, \%k ];
    }
    my $body = encode('UTF-8', "RT/5.0.3 200 Ok\n\n" . RT::Interface::REST::form_compose(\@forms) . "\n");
    print 'B ', length($body), "\n", $body, "\n";
}
